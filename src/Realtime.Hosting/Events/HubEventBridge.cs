using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Grains.Common;
using Realtime.Hosting.Fanout;
using Realtime.Hosting.Metrics;
using Realtime.Runtime.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// The per-silo bridge from grain events to the connections that watch their topics.
/// </summary>
/// <remarks>
/// <para>
/// One loop takes the events that arrived, frames each once per hub protocol into its topic's
/// outbox, and then hands every member of each topic the topic's outbox as one message: one
/// write and one flush per connection and topic, however many events the outbox holds. Writes
/// are at least <see cref="FanoutOptions.FlushIntervalMs"/> apart; an event that finds the silo
/// quiet goes out at once, and under load the events of an interval share a write, which is
/// where a busy room's cost per delivery falls.
/// </para>
/// <para>
/// Order: a connection writes messages in the order it is handed them, and the loop hands out
/// outboxes in the order their first event arrived, translations' after all others. So a topic's
/// events reach every watcher in seq order, and a translation never arrives before its original.
/// Events of different rooms within one interval may interleave differently than they arrived;
/// nothing orders them.
/// </para>
/// <para>
/// The loop never waits for a connection: a write a full transport cannot take queues on that
/// connection alone, and a connection with too many queued writes is closed
/// (<see cref="FanoutOptions.MaxQueuedWrites"/>); its client resumes by seq.
/// </para>
/// </remarks>
public sealed class HubEventBridge : BackgroundService, IEventSink
{
    private readonly Channel<IReadOnlyList<GrainEvent>> _batches =
        Channel.CreateUnbounded<IReadOnlyList<GrainEvent>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly FanoutHubLifetimeManager _hub;
    private readonly HubMetrics _metrics;
    private readonly ILogger<HubEventBridge> _logger;
    private readonly IReadOnlyList<IHubProtocol> _protocols;
    private readonly TimeSpan _interval;
    private readonly Dictionary<string, TopicOutbox> _waiting = new(StringComparer.Ordinal);
    private readonly List<TopicOutbox> _order = [];
    private readonly Stack<TopicOutbox> _spare = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);

    public HubEventBridge(
        FanoutHubLifetimeManager hub,
        IHubProtocolResolver protocols,
        HubMetrics metrics,
        IOptions<FanoutOptions> options,
        ILogger<HubEventBridge> logger)
    {
        _hub = hub;
        _metrics = metrics;
        _logger = logger;
        _protocols = protocols.AllProtocols;
        _interval = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.FlushIntervalMs));
    }

    /// <inheritdoc />
    public void Deliver(IReadOnlyList<GrainEvent> batch) => _batches.Writer.TryWrite(batch);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _batches.Reader;
        var lastFlush = Stopwatch.GetTimestamp() - _interval.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var wait = _interval - Stopwatch.GetElapsedTime(lastFlush);
                if (wait > TimeSpan.Zero)
                {
                    // Everything arriving meanwhile joins this write.
                    await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                }

                lastFlush = Stopwatch.GetTimestamp();
                while (reader.TryRead(out var batch))
                {
                    foreach (var e in batch)
                    {
                        Append(e);
                    }
                }

                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Append(GrainEvent e)
    {
        if (!_waiting.TryGetValue(e.Topic, out var outbox))
        {
            if (_hub.Members(e.Topic).Length == 0)
            {
                return;
            }

            outbox = _spare.TryPop(out var spare) ? spare : new TopicOutbox(_protocols);
            outbox.Start(e.Topic);
            _waiting.Add(e.Topic, outbox);
            _order.Add(outbox);
        }

        try
        {
            outbox.Append(e.Name, e.Payload, _scratch);
        }
        catch (Exception ex)
        {
            HostingLog.GroupSendFailed(_logger, e.Topic, e.Name, ex);
        }
    }

    private void Flush()
    {
        // Originals first: a translation in this interval may refer to a line that is too.
        foreach (var outbox in _order)
        {
            if (!Topics.IsLanguage(outbox.Topic))
            {
                Write(outbox);
            }
        }

        foreach (var outbox in _order)
        {
            if (Topics.IsLanguage(outbox.Topic))
            {
                Write(outbox);
            }

            _spare.Push(outbox);
        }

        _order.Clear();
        _waiting.Clear();
    }

    private void Write(TopicOutbox outbox)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        var count = outbox.Count;
        var message = outbox.Take();
        var members = _hub.Members(outbox.Topic);
        foreach (var member in members)
        {
            member.Write(message);
        }

        _metrics.Delivered((long)members.Length * count);
    }
}
