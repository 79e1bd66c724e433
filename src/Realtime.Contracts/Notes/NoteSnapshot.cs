using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>What <c>WatchNote</c> returns.</summary>
/// <param name="Comments">The latest 50 comments, or every comment after <c>sinceSeq</c> (at most 1000).</param>
/// <param name="LikedByMe">Whether the caller likes the note (false for anonymous watchers).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.NoteSnapshot")]
public sealed record NoteSnapshot(
    string NoteId,
    string AuthorId,
    string Title,
    string Body,
    long Likes,
    long Collects,
    long CommentCount,
    long LastSeq,
    string Epoch,
    bool Recovered,
    IReadOnlyList<Comment> Comments,
    bool LikedByMe,
    bool CollectedByMe);
