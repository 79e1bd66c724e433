using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Benchmarks.Support;
using Microsoft.Extensions.Configuration;
using Realtime.Hosting.Events;
using Realtime.Hosting.Fanout;
using Realtime.Hosting.Hubs;
using Realtime.Hosting.Metrics;
using Realtime.Hosting.Presence;
using Realtime.Grains.Events;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Realtime.Benchmarks.Bridge;

/// <summary>
/// The silo's event bridge with its real collaborators (the fan-out lifetime manager for
/// <see cref="LiveHub"/>, SignalR's JSON protocol, metrics) and fake connections.
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public BridgeHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();

        // Every delivered batch is written at once, so an iteration measures work, not the interval.
        services.AddRealtimeFanout(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Realtime:Fanout:FlushIntervalMs"] = "0" })
            .Build());
        services.AddSingleton<TopicPresence>();
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<HubEventBridge>();
        _provider = services.BuildServiceProvider();
        Manager = _provider.GetRequiredService<HubLifetimeManager<LiveHub>>();
        Presence = _provider.GetRequiredService<TopicPresence>();
        Metrics = _provider.GetRequiredService<HubMetrics>();
        Bridge = _provider.GetRequiredService<HubEventBridge>();
    }

    public HubLifetimeManager<LiveHub> Manager { get; }

    /// <summary>SignalR's own lifetime manager with the same connections and groups: the plain way to compare with.</summary>
    public DefaultHubLifetimeManager<LiveHub> Default { get; } = new(NullLogger<DefaultHubLifetimeManager<LiveHub>>.Instance);

    public TopicPresence Presence { get; }

    public HubMetrics Metrics { get; }

    public HubEventBridge Bridge { get; }

    /// <summary>The bytes <paramref name="events"/> take on the wire, framed as the bridge frames them.</summary>
    public long FrameBytes(IEnumerable<GrainEvent> events)
    {
        var protocol = _provider.GetRequiredService<IHubProtocolResolver>().GetProtocol("json", null)!;
        return events.Sum(e => (long)protocol.GetMessageBytes(new InvocationMessage(e.Name, [e.Payload])).Length);
    }

    /// <summary>Connects a viewer that watches <paramref name="topics"/>.</summary>
    public FakeHubConnection Connect(string id, SinkPipeWriter output, params string[] topics)
    {
        var connection = FakeHubConnection.Create(id, output);
        Manager.OnConnectedAsync(connection).GetAwaiter().GetResult();
        Default.OnConnectedAsync(connection).GetAwaiter().GetResult();
        foreach (var topic in topics)
        {
            Manager.AddToGroupAsync(id, topic).GetAwaiter().GetResult();
            Default.AddToGroupAsync(id, topic).GetAwaiter().GetResult();
            Presence.Add(topic, id);
        }

        return connection;
    }

    public void Start() => Bridge.StartAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await Bridge.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
