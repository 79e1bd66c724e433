using Realtime.Storage.Orleans;
using Realtime.Storage.Postgres;
using Realtime.Storage.Tests.Postgres;

using Xunit.Abstractions;

namespace Realtime.Storage.Tests.Orleans;

/// <summary>The Orleans grain storage provider over a PostgreSQL database of its own that our migrator created.</summary>
public sealed class PostgresOrleansGrainStorageTests(ITestOutputHelper output) : OrleansGrainStorageSpecification(output)
{
    protected override string Invariant => OrleansStorageNames.PostgresInvariant;

    protected override async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        await using var storage = new PostgresGrainStorage(connectionString);
        await storage.InitializeAsync();
        return connectionString;
    }

    protected override async Task DeleteDatabaseAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await PostgresTestServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
