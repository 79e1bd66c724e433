using Orleans;

namespace Realtime.Contracts.Inbox;

/// <summary>A notification in a user's inbox.</summary>
/// <param name="Kind">One of <see cref="InboxKinds"/>.</param>
/// <param name="CommentId">The comment that caused the item; null for note likes and collects.</param>
/// <param name="Preview">What to show, e.g. "Ann and 23 others liked your note"; never null.</param>
/// <param name="Unread">The inbox's unread count after this item.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.InboxItem")]
public sealed record InboxItem(
    long Seq,
    string Kind,
    string NoteId,
    string? CommentId,
    string ActorId,
    string ActorName,
    string Preview,
    DateTimeOffset CreatedAt,
    long Unread);
