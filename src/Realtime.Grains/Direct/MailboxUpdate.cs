using Orleans;
using Realtime.Contracts.Direct;

namespace Realtime.Grains.Direct;

/// <summary>
/// What a conversation tells one participant's mailbox. <paramref name="Version"/> grows with
/// every change of the conversation, so a mailbox keeps the newest summary whatever order updates
/// come in; <paramref name="Arrived"/> (a new message) and <paramref name="DeletedSeq"/> are passed
/// on to the participant's connections once each.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.MailboxUpdate")]
public sealed record MailboxUpdate(
    string ConversationId,
    string OwnerId,
    string OtherUserId,
    string OtherDisplayName,
    DirectMessage? LastMessage,
    long ReadUpTo,
    DirectMessage? Arrived,
    long? DeletedSeq,
    long Unread,
    long Version,
    DateTimeOffset UpdatedAt);
