namespace Realtime.Hosting.Fanout;

/// <summary>How the silo writes events to its connections (section <c>Realtime:Fanout</c>).</summary>
public sealed class FanoutOptions
{
    /// <summary>
    /// The shortest time between two writes to a connection, in milliseconds. Events that arrive
    /// within it go out together in one write and one flush; an event that finds the silo quiet
    /// goes out at once. 0 writes whatever arrived while the previous write was going out.
    /// </summary>
    public int FlushIntervalMs { get; set; } = 100;

    /// <summary>
    /// Writes a connection may have waiting behind a full transport before the silo closes it.
    /// The client reconnects and resumes from the last seq it saw, which costs far less than
    /// buffering a stalled viewer's share of a busy room without end.
    /// </summary>
    public int MaxQueuedWrites { get; set; } = 100;
}
