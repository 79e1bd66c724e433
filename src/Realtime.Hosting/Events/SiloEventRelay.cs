using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Common;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// This silo's relay: grains send it one batch per publish for every topic this silo subscribed
/// to, and it hands them to the local fan-out. Items (chat lines, comments, notifications) pass
/// in seq order exactly once: a repeat is dropped, and a gap (a batch lost while a grain moved
/// to another silo) is filled from the grain's log before the item after it is passed on.
/// </summary>
/// <remarks>
/// Grain calls into an observer should return at once, so <see cref="DeliverAsync"/> only queues;
/// one loop (this service) does the ordering and the occasional read of a gap.
/// </remarks>
public sealed class SiloEventRelay(IEventSink sink, IGrainFactory grains, ILogger<SiloEventRelay> logger) : BackgroundService, IEventRelay
{
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TopicSequencer _sequencer = new();
    private readonly BatchOrder _order = new();

    /// <inheritdoc />
    public Task DeliverAsync(EventBatch batch)
    {
        RelayCounters.CountReceived();
        _work.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A subscription answered: the topic's grain has committed items up to <paramref name="committedSeq"/>.
    /// A first subscription sets where the topic stands (its watchers take a snapshot); a
    /// <paramref name="renewal"/> that finds the grain ahead of what this silo saw fills the gap.
    /// </summary>
    public void Subscribed(string topic, long committedSeq, bool renewal) => _work.Writer.TryWrite(new Subscription(topic, committedSeq, renewal));

    /// <summary>The silo starts watching <paramref name="topic"/>: its batches are passed on from now (call before subscribing with the grain).</summary>
    public void Subscribing(string topic) => _work.Writer.TryWrite(new Watch(topic));

    /// <summary>The silo no longer watches <paramref name="topic"/>: late batches of it are dropped.</summary>
    public void Unsubscribed(string topic) => _work.Writer.TryWrite(new Unsubscription(topic));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wakes the loop now and then, so batches held for a missing one are let go.
        using var expiry = new Timer(_ => _work.Writer.TryWrite(Expiry.Instance), null, BatchOrder.MaxWait / 2, BatchOrder.MaxWait / 2);
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (work)
                {
                    case EventBatch batch:
                        foreach (var ready in _order.Accept(batch, Environment.TickCount64))
                        {
                            await PassOnAsync(ready.Events, stoppingToken).ConfigureAwait(false);
                        }

                        break;
                    case Expiry:
                        foreach (var ready in _order.Expire(Environment.TickCount64))
                        {
                            await PassOnAsync(ready.Events, stoppingToken).ConfigureAwait(false);
                        }

                        break;
                    case Subscription { Renewal: true } s when _sequencer.TryGetLast(s.Topic, out var last):
                        if (s.CommittedSeq > last)
                        {
                            await FillAsync(s.Topic, last, long.MaxValue, stoppingToken).ConfigureAwait(false);
                        }

                        break;
                    case Subscription s:
                        // Batches that came before the answer may already stand further on.
                        _sequencer.Advance(s.Topic, s.CommittedSeq);
                        break;
                    case Watch w:
                        _sequencer.Watch(w.Topic);
                        break;
                    case Unsubscription u:
                        _sequencer.Forget(u.Topic);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassOnAsync(IReadOnlyList<GrainEvent> events, CancellationToken cancellationToken)
    {
        List<GrainEvent>? ready = null;
        foreach (var e in events)
        {
            if (!_sequencer.Watches(e.Topic))
            {
                // Sent before the grain learned this silo left the topic: nobody here reads it.
                continue;
            }

            if (TopicSequencer.SeqOf(e) is not { } seq)
            {
                (ready ??= []).Add(e);
                continue;
            }

            if (_sequencer.TryGetLast(e.Topic, out var last))
            {
                if (seq <= last)
                {
                    continue;
                }

                if (seq > last + 1)
                {
                    // Pass on what is ready first, so the filled items keep their place.
                    Flush(ref ready);
                    await FillAsync(e.Topic, last, seq, cancellationToken).ConfigureAwait(false);
                }
            }

            _sequencer.Advance(e.Topic, seq);
            (ready ??= []).Add(e);
        }

        Flush(ref ready);
    }

    /// <summary>Reads the items of <paramref name="topic"/> after <paramref name="last"/> and before <paramref name="before"/> from its grain and passes them on.</summary>
    private async Task FillAsync(string topic, long last, long before, CancellationToken cancellationToken)
    {
        try
        {
            var items = await Topics.SourceOf(grains, topic).ReadItemsAsync(topic, last, cancellationToken).ConfigureAwait(false);
            var missing = items.Where(i => TopicSequencer.SeqOf(i) is { } s && s > last && s < before).ToList();
            foreach (var item in missing)
            {
                _sequencer.Advance(topic, TopicSequencer.SeqOf(item)!.Value);
            }

            if (missing.Count > 0)
            {
                sink.Deliver(missing);
                HostingLog.GapFilled(logger, topic, last, missing.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Viewers still resume by seq when they reconnect; the live stream goes on.
            HostingLog.GapFillFailed(logger, topic, last, e);
        }
    }

    private void Flush(ref List<GrainEvent>? ready)
    {
        if (ready is { Count: > 0 })
        {
            sink.Deliver(ready);
        }

        ready = null;
    }

    private sealed record Expiry
    {
        public static readonly Expiry Instance = new();
    }

    private sealed record Subscription(string Topic, long CommittedSeq, bool Renewal);

    private sealed record Watch(string Topic);

    private sealed record Unsubscription(string Topic);
}
