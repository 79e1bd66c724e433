using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// Puts each grain activation's batches back into the order it sent them (its numbers 1, 2, 3 ...),
/// since calls into the relay may be run out of order. Items with a seq are ordered again by the
/// <see cref="TopicSequencer"/>; this keeps events without one (direct messages, counters,
/// deletions) in order too. A batch that never comes (lost with a dying silo) holds the ones after
/// it for at most <see cref="MaxWait"/>. Touched only by the relay's single delivery loop.
/// </summary>
internal sealed class BatchOrder
{
    /// <summary>How long later batches wait for a missing one.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

    /// <summary>The batches that may be passed on now, in order (possibly none, possibly several).</summary>
    public IReadOnlyList<EventBatch> Accept(EventBatch batch, long now)
    {
        if (!_sources.TryGetValue(batch.Source, out var source))
        {
            _sources[batch.Source] = new Source { Next = batch.Number + 1, SeenAt = now };
            return [batch];
        }

        source.SeenAt = now;
        if (batch.Number < source.Next)
        {
            // Given up on already (or a repeat): pass it on; seqs still guard logged items.
            return [batch];
        }

        source.Waiting[batch.Number] = batch;
        if (source.Waiting.Count == 1)
        {
            source.WaitingSince = now;
        }

        return Release(source, now, force: false);
    }

    /// <summary>Batches that waited too long for a missing one, passed on in order; forgets silent sources.</summary>
    public IReadOnlyList<EventBatch> Expire(long now)
    {
        List<EventBatch>? ready = null;
        foreach (var (key, source) in _sources)
        {
            if (source.Waiting.Count > 0 && now - source.WaitingSince >= MaxWait.TotalMilliseconds)
            {
                (ready ??= []).AddRange(Release(source, now, force: true));
            }
            else if (source.Waiting.Count == 0 && now - source.SeenAt >= Forget.TotalMilliseconds)
            {
                _sources.Remove(key);
            }
        }

        return ready ?? (IReadOnlyList<EventBatch>)[];
    }

    private static List<EventBatch> Release(Source source, long now, bool force)
    {
        var ready = new List<EventBatch>();
        if (force && source.Waiting.Count > 0)
        {
            source.Next = source.Waiting.Keys.Min();
        }

        while (source.Waiting.Remove(source.Next, out var next))
        {
            ready.Add(next);
            source.Next++;
        }

        if (ready.Count > 0)
        {
            // What still waits now waits for the next missing batch, from now.
            source.WaitingSince = now;
        }

        return ready;
    }

    private sealed class Source
    {
        public long Next { get; set; }

        public long SeenAt { get; set; }

        public long WaitingSince { get; set; }

        public Dictionary<long, EventBatch> Waiting { get; } = [];
    }
}
