using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Hosting.Events;
using Realtime.Hosting.Fanout;
using Realtime.Hosting.Hubs;
using Realtime.Hosting.Metrics;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Tests.Support;

/// <summary>The silo's event bridge and fan-out lifetime manager, wired as the silo wires them, with pipe connections.</summary>
public sealed class FanoutHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public FanoutHost(int flushIntervalMs = 0, int maxQueuedWrites = 100, int coalesceFromMembers = 1)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Realtime:Fanout:FlushIntervalMs"] = flushIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Realtime:Fanout:MaxQueuedWrites"] = maxQueuedWrites.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Realtime:Fanout:CoalesceFromMembers"] = coalesceFromMembers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();
        services.AddRealtimeFanout(configuration);
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<HubEventBridge>();
        _provider = services.BuildServiceProvider();
        Manager = (FanoutHubLifetimeManager)_provider.GetRequiredService<HubLifetimeManager<LiveHub>>();
        Bridge = _provider.GetRequiredService<HubEventBridge>();
        Metrics = _provider.GetRequiredService<HubMetrics>();
        Protocol = _provider.GetRequiredService<IHubProtocolResolver>().GetProtocol("json", null)!;
    }

    public FanoutHubLifetimeManager Manager { get; }

    public HubEventBridge Bridge { get; }

    public HubMetrics Metrics { get; }

    public IHubProtocol Protocol { get; }

    public async Task<PipeHubConnection> ConnectAsync(string id, long pauseAtBytes, params string[] topics)
    {
        var connection = PipeHubConnection.Create(id, Protocol, pauseAtBytes);
        await Manager.OnConnectedAsync(connection);
        foreach (var topic in topics)
        {
            await Manager.AddToGroupAsync(id, topic);
        }

        return connection;
    }

    public Task<PipeHubConnection> ConnectAsync(string id, params string[] topics) => ConnectAsync(id, 0, topics);

    public Task StartAsync() => Bridge.StartAsync(CancellationToken.None);

    public static GrainEvent Chat(string topic, long seq) => new(topic, "chat", new ChatLine(topic, seq));

    public async ValueTask DisposeAsync()
    {
        await Bridge.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }

    /// <summary>A small payload whose topic and seq show up in the frame.</summary>
    public sealed record ChatLine(string Topic, long Seq);
}
