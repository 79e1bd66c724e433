using Orleans;

namespace Realtime.Grains.Events;

/// <summary>
/// Events one grain activation sends to one silo's relay in one call.
/// <paramref name="Number"/> counts the batches that activation sent that relay (1, 2, 3 ...), so
/// the relay can put batches back in order and tell a new activation (another
/// <paramref name="Source"/>) from a late batch of the old one.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.EventBatch")]
public sealed record EventBatch(string Source, long Number, IReadOnlyList<GrainEvent> Events);
