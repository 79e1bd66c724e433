using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Common;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;
using Realtime.Storage.Sqlite;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// One "silo" for the note and inbox tests: the grain runtime with the domain's grains on real
/// SQLite storage (behind <see cref="KillableStorage"/>), the test's clock and per-topic event
/// recording.
/// </summary>
public sealed class NoteTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly SqliteGrainStorage _sqlite;
    private bool _disposed;

    private NoteTestHost(ServiceProvider provider, SqliteGrainStorage sqlite, KillableStorage storage, TopicEventSink events)
    {
        _provider = provider;
        _sqlite = sqlite;
        Storage = storage;
        Events = events;
        Grains = provider.GetRequiredService<IGrainFactory>();
    }

    public TopicEventSink Events { get; }

    public KillableStorage Storage { get; }

    public IGrainFactory Grains { get; }

    public static async Task<NoteTestHost> StartAsync(string databasePath, IClock clock)
    {
        var sqlite = new SqliteGrainStorage($"Data Source={databasePath}");
        var storage = new KillableStorage(sqlite);
        await storage.InitializeAsync();
        var events = new TopicEventSink();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGrainRuntime(new ConfigurationBuilder().Build());
        services.AddRealtimeGrains();
        services.AddSingleton<IGrainStorage>(storage);
        services.AddSingleton<IEventSink>(events);
        services.Replace(ServiceDescriptor.Singleton(clock));
        return new NoteTestHost(services.BuildServiceProvider(validateScopes: true), sqlite, storage, events);
    }

    /// <summary>Makes this host receive a topic's events, as a silo with watchers of it would.</summary>
    public ValueTask SubscribeAsync(string topic) =>
        _provider.GetRequiredService<IEventBus>().SubscribeAsync(topic);

    /// <summary>Asks every activation idle for <paramref name="idleFor"/> or longer to deactivate, as the idle collector does.</summary>
    public void CollectIdle(TimeSpan idleFor) =>
        _provider.GetRequiredService<ActivationDirectory>().CollectIdle(idleFor);

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
            _sqlite.Dispose();
        }
    }
}
