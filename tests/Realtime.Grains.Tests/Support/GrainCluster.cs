using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Common;
using Realtime.Grains.Events;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Rooms;
using Realtime.Storage;
using Realtime.Storage.Orleans;
using Realtime.Storage.Sqlite;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// One deployment of the grains: an in-process Orleans cluster whose silos keep grain state through
/// Orleans' ADO.NET grain storage and logs through <see cref="SqliteGrainStorage"/>, both on the
/// test's SQLite file, with the test's clock. Events reach the test through <see cref="Events"/>,
/// a relay registered as an observer, once a topic is subscribed.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private const string SqlStorageName = "realtime-sql";

    private readonly SqliteGrainStorage _store;
    private readonly IEventRelay _relayReference;
    private bool _disposed;

    private GrainCluster(InProcessTestCluster cluster, SqliteGrainStorage store, SiloFaults faults, RecordingRelay events)
    {
        Cluster = cluster;
        _store = store;
        Faults = faults;
        Events = events;
        // The reference holds the relay weakly: this object keeps it alive.
        _relayReference = cluster.Client.CreateObjectReference<IEventRelay>(events);
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public SiloFaults Faults { get; }

    public RecordingRelay Events { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> silos on the database at <paramref name="databasePath"/>.
    /// Clusters that share a <paramref name="serviceId"/> share the grains' state (Orleans keys
    /// stored state by service id).
    /// </summary>
    public static async Task<GrainCluster> StartAsync(string databasePath, string serviceId, IClock clock, short silos = 1)
    {
        var connectionString = $"Data Source={databasePath}";
        var store = new SqliteGrainStorage(connectionString);
        try
        {
            // Creates the log tables and Orleans' OrleansQuery and OrleansStorage tables.
            await store.InitializeAsync();
            var faults = new SiloFaults();
            var builder = new InProcessTestClusterBuilder(silos);
            builder.Options.ServiceId = serviceId;
            builder.Options.ConfigureFileLogging = false;
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddAdoNetGrainStorage(SqlStorageName, o =>
                {
                    o.Invariant = "System.Data.SQLite";
                    o.ConnectionString = connectionString;
                    o.GrainStorageSerializer = new JsonGrainStateSerializer();
                });
                silo.Services.AddGrainStorage(
                    GrainStorageNames.Default,
                    (sp, _) => new FaultyGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(SqlStorageName), faults));
                silo.Services.AddRealtimeGrains();
                silo.Services.AddSingleton<IRealtimeStore>(new FaultyLogStore(store, faults));
                silo.Services.Replace(ServiceDescriptor.Singleton(clock));
            });
            var cluster = builder.Build();
            await cluster.DeployAsync();
            return new GrainCluster(cluster, store, faults, new RecordingRelay());
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The grain that publishes <paramref name="topic"/>.</summary>
    public IEventSourceGrain SourceOf(string topic) => Topics.SourceOf(Grains, topic);

    /// <summary>Makes the test's relay receive <paramref name="topic"/>'s events, as a silo with watchers of it would.</summary>
    public Task SubscribeAsync(string topic) =>
        SourceOf(topic).SubscribeAsync(topic, Cluster.Silos[0].SiloAddress, _relayReference);

    /// <summary>The silo the grain's activation runs on now (activating it if needed), found from Orleans' grain statistics.</summary>
    public async Task<SiloAddress> HostOfAsync(IAddressable grain)
    {
        var grainId = grain.GetGrainId();
        var management = Grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId == grainId).SiloAddress;
    }

    /// <summary>Stops every silo in order: activations deactivate and write what they still hold.</summary>
    public async Task StopAsync()
    {
        if (_disposed)
        {
            return;
        }

        await Cluster.StopAllSilosAsync();
        await DisposeAsync();
    }

    /// <summary>Kills every silo: nothing more of them reaches the database.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
        {
            return;
        }

        Faults.Kill();
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.KillSiloAsync(silo);
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            _store.Dispose();
        }
    }
}
