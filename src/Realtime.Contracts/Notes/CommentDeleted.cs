using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>The <c>commentDeleted</c> event: a moderator removed a comment.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CommentDeleted")]
public sealed record CommentDeleted(string NoteId, string CommentId, long Seq);
