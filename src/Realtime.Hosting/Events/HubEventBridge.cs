using System.Diagnostics;
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
/// The per-silo bridge from grain events to SignalR groups (a topic's group has the topic's name).
/// </summary>
/// <remarks>
/// <para>
/// One loop starts every group send, in the order the events arrived, and does not wait for one to
/// finish before starting the next. A group send serialises the event once for the group and, before
/// it returns, hands the same bytes to each member connection's write. A connection writes in the
/// order its writes were handed to it (SignalR takes a per-connection write lock, and writes that
/// find it taken queue behind it first come, first served), so every connection still sees events
/// in the order this loop started them: a topic's events in seq order, and across topics in arrival
/// order, exactly as when the loop awaited each send.
/// </para>
/// <para>
/// What changes is who waits for a slow connection. A send completes at once unless a member's
/// transport buffer is full (its socket stopped draining) or its lock is briefly held. Awaiting each
/// send made one such viewer hold up every room on the silo; now only its own writes wait, queued
/// inside SignalR, while everyone else's go out. The queued writes cost memory, so the number of
/// unfinished group sends is capped (<see cref="MaxPendingSends"/>): past it the loop waits for
/// them, as it always did, and later events wait in this bridge's queue, where they are far cheaper
/// than a pending write per slow connection. A connection that stays stuck is SignalR's to drop
/// (its client timeout); bounding each connection's own buffer is SignalR's job too.
/// </para>
/// </remarks>
public sealed class HubEventBridge(
    HubLifetimeManager<LiveHub> hub,
    TopicPresence presence,
    HubMetrics metrics,
    ILogger<HubEventBridge> logger) : BackgroundService, IEventSink
{
    /// <summary>The most group sends that may wait for slow connections before the loop waits too.</summary>
    public const int MaxPendingSends = 1024;

    private readonly Channel<IReadOnlyList<GrainEvent>> _batches =
        Channel.CreateUnbounded<IReadOnlyList<GrainEvent>>(new UnboundedChannelOptions { SingleReader = true });

    private int _pending;
    private TaskCompletionSource? _belowLimit;

    /// <summary>Group sends started and not finished yet (some member connection has not taken its write).</summary>
    public int PendingSends => Volatile.Read(ref _pending);

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
                        if (Volatile.Read(ref _pending) >= MaxPendingSends)
                        {
                            await WaitForPendingSendsAsync(stoppingToken).ConfigureAwait(false);
                        }

                        Send(e, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Send(GrainEvent e, CancellationToken stoppingToken)
    {
        Task send;
        try
        {
            send = hub.SendGroupAsync(e.Topic, e.Name, [e.Payload], stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HostingLog.GroupSendFailed(logger, e.Topic, e.Name, ex);
            return;
        }

        if (send.IsCompletedSuccessfully)
        {
            // The common case: every member took the write at once.
            metrics.Delivered(presence.Count(e.Topic));
            return;
        }

        Interlocked.Increment(ref _pending);
        _ = CompleteAsync(send, e);
    }

    private async Task CompleteAsync(Task send, GrainEvent e)
    {
        try
        {
            await send.ConfigureAwait(false);
            metrics.Delivered(presence.Count(e.Topic));
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping.
        }
        catch (Exception ex)
        {
            HostingLog.GroupSendFailed(logger, e.Topic, e.Name, ex);
        }
        finally
        {
            if (Interlocked.Decrement(ref _pending) < MaxPendingSends)
            {
                Interlocked.Exchange(ref _belowLimit, null)?.TrySetResult();
            }
        }
    }

    private async Task WaitForPendingSendsAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        BridgeLog.FanOutBackedUp(logger, Volatile.Read(ref _pending));
        while (true)
        {
            var belowLimit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _belowLimit, belowLimit);

            // Checked after the signal is in place, so a send finishing in between cannot be missed.
            if (Volatile.Read(ref _pending) < MaxPendingSends)
            {
                break;
            }

            await belowLimit.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        BridgeLog.FanOutResumed(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
