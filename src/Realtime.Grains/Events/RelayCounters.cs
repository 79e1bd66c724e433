namespace Realtime.Grains.Events;

/// <summary>
/// How many event batches grains of this silo sent to relays, and how many this silo's relay
/// received: between silos, one per batch and subscribed silo, never one per viewer.
/// </summary>
public static class RelayCounters
{
    private static long _sent;
    private static long _received;

    /// <summary>Batches grains on this silo handed to relays (this silo's own included).</summary>
    public static long Sent => Interlocked.Read(ref _sent);

    /// <summary>Batches this silo's relay received (from grains on any silo).</summary>
    public static long Received => Interlocked.Read(ref _received);

    public static void CountSent() => Interlocked.Increment(ref _sent);

    public static void CountReceived() => Interlocked.Increment(ref _received);
}
