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
        Assert.Equal((long)LatestVersion, await QueryAsync(file, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal((long)LatestVersion, await QueryAsync(file, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_at_schema_version_1_gains_the_orleans_tables_and_keeps_its_grain_state()
    {
        // A file as the silos before Orleans left it: migration 1 and one grain's state.
        var file = Path.Combine(_folder, "realtime.db");
        Directory.CreateDirectory(_folder);
        foreach (var statement in SqliteDialect.Instance.Migrations[0].Statements)
        {
            await QueryAsync(file, statement);
        }

        await QueryAsync(file, SqliteDialect.Instance.CreateSchemaVersionTable);
        await QueryAsync(file, "INSERT INTO schema_version VALUES (1, 'grain state and grain logs', '2025-01-01T00:00:00Z')");
        await QueryAsync(file, "INSERT INTO grain_state VALUES ('room', 'r1', '{\"likes\":3}', 4, '2025-01-01T00:00:00Z')");

        using (var storage = new SqliteGrainStorage($"Data Source={file}"))
        {
            await storage.InitializeAsync();
            Assert.Equal(4, (await storage.ReadStateAsync(new StorageKey("room", "r1")))?.Version);
        }

        Assert.Equal(2, LatestVersion);
        Assert.Equal((long)LatestVersion, await QueryAsync(file, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await QueryAsync(file, "SELECT COUNT(*) FROM OrleansStorage"));
        Assert.Equal(4L, await QueryAsync(file, "SELECT COUNT(*) FROM OrleansQuery"));
    }

    [Fact]
    public void ConnectionStringWithAnUnknownKeywordIsRejectedAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage("Data Source=x.db;Flavour=strawberry"));
    }

    private static int LatestVersion => SqliteDialect.Instance.Migrations[^1].Version;

    private static async Task<object?> QueryAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
