using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>Receives the event batches of every topic this silo subscribed to, in publication order per topic.</summary>
public interface IEventSink
{
    /// <summary>Takes one batch; must not block (hand off to a queue).</summary>
    void Deliver(IReadOnlyList<GrainEvent> batch);
}
