namespace Realtime.Contracts.Notes;

/// <summary>What <c>LikeComment</c> returns, and the <c>commentCounters</c> event watchers receive.</summary>
public sealed record CommentCounters(string NoteId, string CommentId, long Likes);
