using Realtime.Storage.Sqlite;

namespace Realtime.Storage.Tests.Sqlite;

/// <summary>The storage specification over a SQLite file in a folder of its own that does not exist yet.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageSpecification
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"realtime-storage-{Guid.NewGuid():N}");

    protected override Task<IRealtimeStore> CreateStorageAsync()
        => Task.FromResult<IRealtimeStore>(new SqliteGrainStorage($"Data Source={Path.Combine(_folder, "data", "grains.db")}"));

    protected override Task DeleteDatabaseAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
