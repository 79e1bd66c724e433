using Orleans;
using Realtime.Contracts.Hashtags;
using Realtime.Grains.Events;

namespace Realtime.Grains.Hashtags;

/// <summary>A hashtag's topic (key: the folded tag): exact counts and its latest notes; publishes <c>topicCounters</c>.</summary>
[Alias("realtime.ITopicGrain")]
public interface ITopicGrain : IEventSourceGrain
{
    /// <summary>Applies a note's update; answered once it is durable. Idempotent per note and update id.</summary>
    [Alias("Apply")]
    Task<TopicCounters> ApplyAsync(TopicUpdate update, CancellationToken cancellationToken = default);

    /// <summary>The counters (zeros for a topic nobody used).</summary>
    [Alias("Counters")]
    Task<TopicCounters> CountersAsync(CancellationToken cancellationToken = default);

    /// <summary>The counters and latest notes; null for a topic no note carries.</summary>
    [Alias("Snapshot")]
    Task<TopicSnapshot?> SnapshotAsync(int latest, CancellationToken cancellationToken = default);
}
