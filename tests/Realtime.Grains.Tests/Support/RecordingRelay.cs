using System.Collections.Concurrent;
using Realtime.Grains.Events;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// The test's relay: the observer grains send a silo's event batches to. It puts each grain
/// activation's batches back in their numbered order (as a silo's relay does) and records the
/// events, all together and per topic (inbox items do not name their user).
/// </summary>
public sealed class RecordingRelay : IEventRelay
{
    private readonly ConcurrentDictionary<string, EventRecorder> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

    public EventRecorder All { get; } = new();

    /// <summary>The events of one topic, recorded from the start whether or not anyone asked yet.</summary>
    public EventRecorder Topic(string topic) => _topics.GetOrAdd(topic, static _ => new EventRecorder());

    public Task DeliverAsync(EventBatch batch)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(batch.Source, out var source))
            {
                source = new Source();
                _sources[batch.Source] = source;
            }

            if (batch.Number > source.Next)
            {
                // An earlier batch of this activation is still on its way.
                source.Early[batch.Number] = batch;
                return Task.CompletedTask;
            }

            Record(batch.Events);
            source.Next = Math.Max(source.Next, batch.Number + 1);
            while (source.Early.Remove(source.Next, out var next))
            {
                Record(next.Events);
                source.Next++;
            }
        }

        return Task.CompletedTask;
    }

    private void Record(IReadOnlyList<GrainEvent> events)
    {
        All.Record(events);
        foreach (var group in events.GroupBy(e => e.Topic))
        {
            Topic(group.Key).Record(group.ToList());
        }
    }

    private sealed class Source
    {
        public long Next { get; set; } = 1;

        public Dictionary<long, EventBatch> Early { get; } = [];
    }
}
