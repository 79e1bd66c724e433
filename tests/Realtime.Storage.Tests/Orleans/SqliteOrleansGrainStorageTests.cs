using Microsoft.Data.Sqlite;
using Realtime.Storage.Orleans;
using Realtime.Storage.Sqlite;

using Xunit.Abstractions;

namespace Realtime.Storage.Tests.Orleans;

/// <summary>The Orleans grain storage provider over a SQLite file our migrator created, in a folder of its own.</summary>
public sealed class SqliteOrleansGrainStorageTests(ITestOutputHelper output) : OrleansGrainStorageSpecification(output)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"realtime-orleans-{Guid.NewGuid():N}");

    protected override string Invariant => OrleansStorageNames.SqliteInvariant;

    protected override async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "realtime.db") }.ToString();
        using var storage = new SqliteGrainStorage(connectionString);
        await storage.InitializeAsync();
        return connectionString;
    }

    protected override Task DeleteDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Our_sqlite_schema_holds_every_query_the_grain_storage_provider_reads()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey";
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
    }
}
