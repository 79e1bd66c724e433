using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Benchmarks.Support;
using Realtime.Hosting.Events;
using Realtime.Hosting.Hubs;
using Realtime.Hosting.Metrics;
using Realtime.Hosting.Presence;

namespace Realtime.Benchmarks.Bridge;

/// <summary>
/// The silo's event bridge with its real collaborators (SignalR's hub context and default lifetime
/// manager for <see cref="LiveHub"/>, topic presence, metrics) and fake connections.
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public BridgeHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();
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

    public TopicPresence Presence { get; }

    public HubMetrics Metrics { get; }

    public HubEventBridge Bridge { get; }

    /// <summary>Connects a viewer that watches <paramref name="topics"/>.</summary>
    public FakeHubConnection Connect(string id, SinkPipeWriter output, params string[] topics)
    {
        var connection = FakeHubConnection.Create(id, output);
        Manager.OnConnectedAsync(connection).GetAwaiter().GetResult();
        foreach (var topic in topics)
        {
            Manager.AddToGroupAsync(id, topic).GetAwaiter().GetResult();
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
