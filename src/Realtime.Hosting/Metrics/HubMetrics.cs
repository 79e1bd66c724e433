namespace Realtime.Hosting.Metrics;

/// <summary>The silo's hot-path counters, kept as plain interlocked longs (cheaper than a meter per delivery).</summary>
public sealed class HubMetrics
{
    private long _connections;
    private long _messagesIn;
    private long _deliveriesOut;

    /// <summary>Open hub connections.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Hub invocations received.</summary>
    public long MessagesIn => Interlocked.Read(ref _messagesIn);

    /// <summary>Events written to connections.</summary>
    public long DeliveriesOut => Interlocked.Read(ref _deliveriesOut);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected() => Interlocked.Decrement(ref _connections);

    public void MessageIn() => Interlocked.Increment(ref _messagesIn);

    public void Delivered(long deliveries) => Interlocked.Add(ref _deliveriesOut, deliveries);
}
