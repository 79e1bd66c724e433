using Orleans;

namespace Realtime.Grains.Rooms;

/// <summary>
/// Likes one silo summed for a room over a short window. <paramref name="Number"/> grows with every
/// batch a silo sends a room; a retried batch keeps its number, so a batch the room already
/// counted (its answer was lost to a timeout) is not counted twice.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.LikeBatch")]
public sealed record LikeBatch(string SiloId, long Number, long Count);
