using Realtime.Storage.Postgres;

namespace Realtime.Storage.Tests.Postgres;

/// <summary>The storage specification over a PostgreSQL database of its own, created empty and dropped afterwards.</summary>
public sealed class PostgresGrainStorageTests : GrainStorageSpecification
{
    // Created at the first storage; storages created concurrently (several silos) share it.
    private readonly Lazy<Task<string>> _database = new(PostgresTestServer.CreateDatabaseAsync);

    protected override async Task<IRealtimeStore> CreateStorageAsync()
        => new PostgresGrainStorage(await _database.Value);

    protected override async Task DeleteDatabaseAsync()
    {
        if (_database.IsValueCreated && _database.Value.IsCompletedSuccessfully)
        {
            await PostgresTestServer.DropDatabaseAsync(await _database.Value);
        }
    }
}
