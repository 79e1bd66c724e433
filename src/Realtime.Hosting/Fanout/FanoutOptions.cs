namespace Realtime.Hosting.Fanout;

/// <summary>How the silo writes events to its connections (section <c>Realtime:Fanout</c>).</summary>
public sealed class FanoutOptions
{
    /// <summary>
    /// The shortest time between two writes of a busy topic, in milliseconds. Events that arrive
    /// within it go out together in one write and one flush per connection; an event that finds
    /// the topic quiet goes out at once. 0 writes whatever arrived while the previous write was
    /// going out.
    /// </summary>
    public int FlushIntervalMs { get; set; } = 100;

    /// <summary>
    /// Local members from which a topic is paced by <see cref="FlushIntervalMs"/>. Smaller topics
    /// (inboxes, most note threads, small rooms) cost little per event and are written at once.
    /// </summary>
    public int CoalesceFromMembers { get; set; } = 32;

    /// <summary>
    /// Writes a connection may have waiting behind a full transport before the silo closes it.
    /// The client reconnects and resumes from the last seq it saw, which costs far less than
    /// buffering a stalled viewer's share of a busy room without end.
    /// </summary>
    public int MaxQueuedWrites { get; set; } = 100;
}
