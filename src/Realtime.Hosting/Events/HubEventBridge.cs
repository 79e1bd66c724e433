using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Hosting.Hubs;
using Realtime.Hosting.Metrics;
using Realtime.Hosting.Presence;
using Realtime.Runtime.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// The per-silo bridge from grain events to SignalR groups (a topic's group has the topic's
/// name). One loop sends everything, so each connection sees a topic's events in order.
/// </summary>
public sealed class HubEventBridge(
    IHubContext<LiveHub> hub,
    TopicPresence presence,
    HubMetrics metrics,
    ILogger<HubEventBridge> logger) : BackgroundService, IEventSink
{
    private readonly Channel<IReadOnlyList<GrainEvent>> _batches =
        Channel.CreateUnbounded<IReadOnlyList<GrainEvent>>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    public void Deliver(IReadOnlyList<GrainEvent> batch) => _batches.Writer.TryWrite(batch);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _batches.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var batch))
                {
                    foreach (var e in batch)
                    {
                        try
                        {
                            await hub.Clients.Group(e.Topic).SendAsync(e.Name, e.Payload, stoppingToken).ConfigureAwait(false);
                            metrics.Delivered(presence.Count(e.Topic));
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            HostingLog.GroupSendFailed(logger, e.Topic, e.Name, ex);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
