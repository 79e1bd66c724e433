using Orleans;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// Views one silo counted for a note over a short window. <paramref name="Number"/> grows with
/// every batch a silo sends; a batch sent again keeps its number and the note counts it once.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ViewBatch")]
public sealed record ViewBatch(string SiloId, long Number, long Count);
