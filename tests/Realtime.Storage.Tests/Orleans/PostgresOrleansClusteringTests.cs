using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Realtime.Storage.Orleans;
using Realtime.Storage.Postgres;
using Realtime.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace Realtime.Storage.Tests.Orleans;

/// <summary>
/// Real Orleans silos whose membership goes through the Orleans ADO.NET clustering provider
/// (Microsoft.Orleans.Clustering.AdoNet) into the tables our migrator created, in a PostgreSQL database of its own.
/// </summary>
public sealed class PostgresOrleansClusteringTests(ITestOutputHelper output) : IAsyncLifetime
{
    // SiloStatus values as Orleans stores them.
    private const int Active = 3;
    private const int Dead = 6;

    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _silos = [];
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresTestServer.CreateDatabaseAsync();
        await using var storage = new PostgresGrainStorage(_connectionString);
        await storage.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await TestSilo.StopAsync(silo);
        }

        if (_connectionString.Length > 0)
        {
            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task Our_postgres_schema_holds_every_query_the_clustering_and_grain_storage_providers_read()
    {
        var keys = (string?)await PostgresTestServer.QueryAsync(
            _connectionString, "SELECT string_agg(QueryKey, ',' ORDER BY QueryKey) FROM OrleansQuery");

        Assert.Equal(
            "CleanupDefunctSiloEntriesKey,ClearStorageKey,DeleteMembershipTableEntriesKey,DeleteStorageKey,GatewaysQueryKey," +
            "InsertMembershipKey,InsertMembershipVersionKey,MembershipReadAllKey,MembershipReadRowKey,ReadFromStorageKey," +
            "UpdateIAmAlivetimeKey,UpdateMembershipKey,WriteToStorageKey",
            keys);
    }

    [Fact]
    public async Task A_silo_joins_through_our_membership_tables_and_shows_up_active()
    {
        await StartSiloAsync();

        await WaitForAsync(async () => await CountSilosAsync(Active) == 1, "one active silo row");
        Assert.True(await VersionAsync() >= 2, "joining moves the table version on (insert as Joining, then Active)");
    }

    [Fact]
    public async Task Two_silos_both_become_active_see_each_other_and_a_stopped_one_is_marked_dead()
    {
        var first = await StartSiloAsync();
        var second = await StartSiloAsync();

        await WaitForAsync(async () => await CountSilosAsync(Active) == 2, "two active silo rows");
        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await WaitForAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "the first silo seeing two active silos");

        _silos.Remove(second);
        await TestSilo.StopAsync(second);

        await WaitForAsync(async () => await CountSilosAsync(Dead) == 1, "the stopped silo's row marked dead");
        Assert.Equal(1, await CountSilosAsync(Active));
    }

    private async Task<IHost> StartSiloAsync()
    {
        var silo = await TestSilo.StartAsync(
            new TestSilo.Settings(OrleansStorageNames.PostgresInvariant, _connectionString, _clusterId, "realtime-tests", AdoNetClustering: true),
            output);
        _silos.Add(silo);
        return silo;
    }

    private async Task<long> CountSilosAsync(int status)
        => Convert.ToInt64(await PostgresTestServer.QueryAsync(
            _connectionString,
            $"SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = '{_clusterId}' AND Status = {status}"));

    private async Task<long> VersionAsync()
        => Convert.ToInt64(await PostgresTestServer.QueryAsync(
            _connectionString, $"SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = '{_clusterId}'"));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="MembershipTimeout"/>.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            if (started.Elapsed > MembershipTimeout)
            {
                Assert.Fail($"Timed out after {MembershipTimeout.TotalSeconds} s waiting for {what}.");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}
