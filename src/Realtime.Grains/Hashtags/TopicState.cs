using Realtime.Contracts.Hashtags;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// A topic's persisted state: counters and the latest notes. What makes the counts exact lives in
/// the topic's log, one entry per note (<c>n/{noteId}</c>), per participant (<c>p/{userId}</c>) and
/// per view update (<c>v/{noteId}/{id}</c>), so the state stays small however big the topic grows.
/// </summary>
public sealed class TopicState
{
    public long Notes { get; set; }

    public long Views { get; set; }

    public long Participants { get; set; }

    public long LastSeq { get; set; }

    /// <summary>The latest notes, newest first, at most <see cref="TopicGrain.LatestMax"/>.</summary>
    public List<TopicNote> Latest { get; set; } = [];
}
