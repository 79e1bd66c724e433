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
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// The per-silo bridge from grain events to the connections that watch their topics.
/// </summary>
/// <remarks>
/// <para>
/// One loop takes the events that arrived, frames each once per hub protocol into its topic's
/// outbox, and hands every member of a topic the topic's outbox as one message: one write and one
/// flush per connection and topic, however many events the outbox holds.
/// </para>
/// <para>
/// Pacing: a topic with at least <see cref="FanoutOptions.CoalesceFromMembers"/> local members
/// (a busy room) is written at most once per <see cref="FanoutOptions.FlushIntervalMs"/>; its
/// first event after a quiet spell goes out at once, and the events of an interval then share a
/// write, which is where a big room's cost per delivery falls. Smaller topics (an inbox, a note
/// thread, a small room) are written on every pass of the loop, so they pay no added latency;
/// under load a pass still gathers whatever arrived while the previous one was writing.
/// </para>
/// <para>
/// Order: a connection writes messages in the order it is handed them. A topic's events reach
/// every watcher in seq order. A translation topic is never written while its room or note has
/// events held back, and is written after it in a pass, so a translation never arrives before its
/// original. Events of unrelated topics may reach a connection in another order than they arrived.
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
    private readonly long _interval;
    private readonly int _coalesceFromMembers;

    // Loop state, touched by the loop alone.
    private readonly Dictionary<string, TopicOutbox> _waiting = new(StringComparer.Ordinal);
    private readonly List<TopicOutbox> _order = [];
    private readonly List<TopicOutbox> _held = [];
    private readonly HashSet<string> _heldTopics = new(StringComparer.Ordinal);
    private readonly Stack<TopicOutbox> _spare = new();
    private readonly Dictionary<string, long> _lastPacedWrite = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private long _lastPrune;

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
        _interval = Math.Max(0, options.Value.FlushIntervalMs) * Stopwatch.Frequency / 1000;
        _coalesceFromMembers = Math.Max(1, options.Value.CoalesceFromMembers);
    }

    /// <inheritdoc />
    public void Deliver(IReadOnlyList<GrainEvent> batch) => _batches.Writer.TryWrite(batch);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _batches.Reader;
        Task<bool>? arrival = null;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var batch))
                {
                    foreach (var e in batch)
                    {
                        Append(e);
                    }
                }

                var nextDue = WriteDue(Stopwatch.GetTimestamp());
                arrival ??= reader.WaitToReadAsync(stoppingToken).AsTask();
                if (nextDue is { } due && !arrival.IsCompleted)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.WhenAny(arrival, Task.Delay(wait, stoppingToken)).ConfigureAwait(false);
                        stoppingToken.ThrowIfCancellationRequested();
                    }

                    if (!arrival.IsCompleted)
                    {
                        continue;
                    }
                }

                if (!await arrival.ConfigureAwait(false))
                {
                    return;
                }

                arrival = null;
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

    /// <summary>Writes every outbox that is due; returns when the earliest held one will be.</summary>
    private long? WriteDue(long now)
    {
        long? nextDue = null;

        // Originals first: a translation in this pass may refer to a line that is in it too.
        foreach (var outbox in _order)
        {
            if (!Topics.IsLanguage(outbox.Topic))
            {
                Pass(outbox, now, ref nextDue);
            }
        }

        foreach (var outbox in _order)
        {
            if (Topics.IsLanguage(outbox.Topic))
            {
                Pass(outbox, now, ref nextDue);
            }
        }

        _order.Clear();
        _order.AddRange(_held);
        _held.Clear();
        _heldTopics.Clear();
        PruneLastWrites(now);
        return nextDue;
    }

    private void Pass(TopicOutbox outbox, long now, ref long? nextDue)
    {
        var members = _hub.Members(outbox.Topic);
        var paced = members.Length >= _coalesceFromMembers;
        var dueAt = paced && _lastPacedWrite.TryGetValue(outbox.Topic, out var last) ? last + _interval : now;
        if (outbox.Count == 0)
        {
            Retire(outbox);
        }
        else if (dueAt > now || (Topics.IsLanguage(outbox.Topic) && _heldTopics.Contains(Topics.OriginalOf(outbox.Topic))))
        {
            // Held: a language topic whose original is held is written right after it, in a later pass.
            _held.Add(outbox);
            _heldTopics.Add(outbox.Topic);
            nextDue = Math.Min(nextDue ?? long.MaxValue, Math.Max(dueAt, now));
        }
        else
        {
            Write(outbox, members);
            if (paced)
            {
                _lastPacedWrite[outbox.Topic] = now;
            }

            Retire(outbox);
        }
    }

    private void Write(TopicOutbox outbox, FanoutConnection[] members)
    {
        var count = outbox.Count;
        var message = outbox.Take();
        foreach (var member in members)
        {
            member.Write(message);
        }

        _metrics.Delivered((long)members.Length * count);
    }

    private void Retire(TopicOutbox outbox)
    {
        _waiting.Remove(outbox.Topic);
        _spare.Push(outbox);
    }

    /// <summary>Forgets write times older than an interval, which no longer hold anything back.</summary>
    private void PruneLastWrites(long now)
    {
        if (_lastPacedWrite.Count == 0 || now - _lastPrune < Stopwatch.Frequency)
        {
            return;
        }

        _lastPrune = now;
        foreach (var (topic, last) in _lastPacedWrite)
        {
            if (now - last >= _interval)
            {
                _lastPacedWrite.Remove(topic);
            }
        }
    }
}
