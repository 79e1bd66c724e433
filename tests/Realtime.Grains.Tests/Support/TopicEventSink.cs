using System.Collections.Concurrent;
using Realtime.Runtime.Events;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// Records every event like <see cref="RecordingEventSink"/>, and also per topic, so a test can
/// wait for an event of one user's inbox (inbox items do not name their user).
/// </summary>
public sealed class TopicEventSink : IEventSink
{
    private readonly ConcurrentDictionary<string, RecordingEventSink> _topics = new(StringComparer.Ordinal);

    public RecordingEventSink All { get; } = new();

    /// <summary>The events of one topic, recorded from the start whether or not anyone asked yet.</summary>
    public RecordingEventSink Topic(string topic) => _topics.GetOrAdd(topic, static _ => new RecordingEventSink());

    public void Deliver(IReadOnlyList<GrainEvent> batch)
    {
        All.Deliver(batch);
        foreach (var group in batch.GroupBy(e => e.Topic))
        {
            Topic(group.Key).Deliver(group.ToList());
        }
    }
}
