using Orleans;
using Realtime.Contracts.Rooms;

namespace Realtime.Contracts.Notes;

/// <summary>A comment in a note's thread.</summary>
/// <param name="Seq">Per-note sequence number; strictly increasing.</param>
/// <param name="CommentId">Unique within the note.</param>
/// <param name="ReplyToCommentId">The comment this one answers, or null for a top-level comment.</param>
/// <param name="Likes">The comment's like count when sent.</param>
/// <param name="Translation">The reader's translation when known (snapshots only), else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.Comment")]
public sealed record Comment(
    string NoteId,
    long Seq,
    string CommentId,
    string UserId,
    string DisplayName,
    string Text,
    string? Language,
    string? ReplyToCommentId,
    DateTimeOffset CreatedAt,
    long Likes,
    Translation? Translation);
