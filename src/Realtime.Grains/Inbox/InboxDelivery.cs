using Orleans;

namespace Realtime.Grains.Inbox;

/// <summary>
/// A notification on its way to an inbox. <paramref name="Key"/> makes delivery idempotent:
/// an outbox replayed after a crash delivers again, and the inbox keeps one item per key.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.InboxDelivery")]
public sealed record InboxDelivery(
    string Key,
    string Kind,
    string NoteId,
    string? CommentId,
    string ActorId,
    string ActorName,
    string Text,
    DateTimeOffset CreatedAt);
