using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>What <c>LikeComment</c> returns, and the <c>commentCounters</c> event watchers receive.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CommentCounters")]
public sealed record CommentCounters(string NoteId, string CommentId, long Likes);
