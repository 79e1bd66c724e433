using Orleans;
using Orleans.Concurrency;

namespace Realtime.Grains.Events;

/// <summary>
/// One per silo that has watchers: receives the event batches of the topics its silo subscribed
/// to and writes them to the silo's local connections. A grain sends each batch once per relay,
/// never once per viewer.
/// </summary>
[Alias("realtime.IEventRelay")]
public interface IEventRelay : IGrainObserver
{
    /// <summary>Takes a batch; one-way, so a slow or dead silo never holds up the grain.</summary>
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(EventBatch batch);
}
