using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>The <c>noteCounters</c> event, and what <c>LikeNote</c>/<c>CollectNote</c> return.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.NoteCounters")]
public sealed record NoteCounters(string NoteId, long Likes, long Collects, long Comments);
