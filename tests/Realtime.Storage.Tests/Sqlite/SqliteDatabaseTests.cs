using Microsoft.Data.Sqlite;
using Realtime.Storage.Sqlite;

namespace Realtime.Storage.Tests.Sqlite;

/// <summary>What the SQLite storage does to its file, beyond the shared specification.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"realtime-storage-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task InitializingCreatesTheMissingFolderAndTheSchemaInWalMode()
    {
        var file = Path.Combine(_folder, "a", "b", "realtime.db");
        using (var storage = new SqliteGrainStorage($"Data Source={file}"))
        {
            await storage.InitializeAsync();
        }

        Assert.True(File.Exists(file));
        Assert.Equal("wal", await QueryAsync(file, "PRAGMA journal_mode"));
        Assert.Equal(1L, await QueryAsync(file, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1L, await QueryAsync(file, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public void ConnectionStringWithAnUnknownKeywordIsRejectedAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage("Data Source=x.db;Flavour=strawberry"));
    }

    private static async Task<object?> QueryAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
