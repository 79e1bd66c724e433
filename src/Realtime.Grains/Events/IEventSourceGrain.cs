using Orleans;
using Orleans.Runtime;

namespace Realtime.Grains.Events;

/// <summary>A grain that publishes topics (a room, a note, an inbox) to the relays of the silos that watch them.</summary>
[Alias("realtime.IEventSourceGrain")]
public interface IEventSourceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sends <paramref name="topic"/>'s events to <paramref name="relay"/>, the relay of
    /// <paramref name="silo"/>, until it unsubscribes, its silo leaves the cluster or the
    /// subscription expires unrenewed. Renewing is the same call. Returns the highest committed
    /// seq of the topic's items, so the relay can fill a gap from the log.
    /// </summary>
    [Alias("Subscribe")]
    Task<long> SubscribeAsync(string topic, SiloAddress silo, IEventRelay relay, CancellationToken cancellationToken = default);

    /// <summary>Stops sending <paramref name="topic"/> to <paramref name="silo"/>'s relay.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string topic, SiloAddress silo, CancellationToken cancellationToken = default);

    /// <summary>The committed items of <paramref name="topic"/> after <paramref name="afterSeq"/>, as the events that carried them, ascending (at most a resume's worth).</summary>
    [Alias("ReadItems")]
    Task<IReadOnlyList<GrainEvent>> ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken = default);
}
