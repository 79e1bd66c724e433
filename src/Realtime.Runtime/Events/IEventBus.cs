namespace Realtime.Runtime.Events;

/// <summary>
/// Carries grain events to the silos that watch their topics: in process in the embedded
/// profile, over a topic exchange in a cluster. Each batch reaches each subscribed silo once.
/// </summary>
public interface IEventBus
{
    /// <summary>Publishes a batch; events of one topic keep their order.</summary>
    ValueTask PublishAsync(IReadOnlyList<GrainEvent> batch, CancellationToken cancellationToken = default);

    /// <summary>Starts delivering <paramref name="topic"/> to this silo's sink (reference-counted).</summary>
    ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Drops one reference to <paramref name="topic"/>; delivery stops at zero.</summary>
    ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default);
}
