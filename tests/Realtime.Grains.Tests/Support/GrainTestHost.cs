using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Rooms;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;
using Realtime.Storage.Sqlite;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// One "silo" as far as the grains can tell: the grain runtime with the domain's grains, real SQLite
/// storage on a file, the test's clock and a recording event sink.
/// </summary>
public sealed class GrainTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly SqliteGrainStorage _storage;
    private bool _disposed;

    private GrainTestHost(ServiceProvider provider, SqliteGrainStorage storage, RecordingEventSink events)
    {
        _provider = provider;
        _storage = storage;
        Events = events;
        Grains = provider.GetRequiredService<IGrainFactory>();
    }

    public RecordingEventSink Events { get; }

    public IGrainFactory Grains { get; }

    public IRoomDirectoryGrain Directory => Grains.GetGrain<IRoomDirectoryGrain>(RoomDirectoryGrain.Key);

    public static async Task<GrainTestHost> StartAsync(string databasePath, IClock clock)
    {
        var storage = new SqliteGrainStorage($"Data Source={databasePath}");
        await storage.InitializeAsync();
        var events = new RecordingEventSink();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGrainRuntime(new ConfigurationBuilder().Build());
        services.AddRealtimeGrains();
        services.AddSingleton<IGrainStorage>(storage);
        services.AddSingleton<IEventSink>(events);
        services.Replace(ServiceDescriptor.Singleton(clock));
        return new GrainTestHost(services.BuildServiceProvider(validateScopes: true), storage, events);
    }

    public IRoomGrain Room(string roomId) => Grains.GetGrain<IRoomGrain>(roomId);

    /// <summary>Makes this host receive the room's events, as a silo with viewers of it would.</summary>
    public ValueTask WatchAsync(string roomId) =>
        _provider.GetRequiredService<IEventBus>().SubscribeAsync(Topics.Room(roomId));

    /// <summary>Deactivates every grain (their last writes included), as an orderly shutdown does.</summary>
    public Task DeactivateAllAsync() =>
        _provider.GetRequiredService<ActivationDirectory>().DeactivateAllAsync().WaitAsync(RecordingEventSink.Timeout);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await DeactivateAllAsync();
        }
        finally
        {
            await _provider.DisposeAsync();
            _storage.Dispose();
        }
    }
}
