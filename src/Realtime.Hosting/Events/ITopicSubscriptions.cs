namespace Realtime.Hosting.Events;

/// <summary>
/// Which topics this silo receives from the grains that publish them. Reference-counted: the
/// first local watcher subscribes the silo's relay with the topic's grain, the last one
/// unsubscribes it. Each batch a grain publishes reaches each subscribed silo once.
/// </summary>
public interface ITopicSubscriptions
{
    /// <summary>Starts delivering <paramref name="topic"/> to this silo (reference-counted).</summary>
    ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Drops one reference to <paramref name="topic"/>; delivery stops at zero.</summary>
    ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default);
}
