using Orleans;
using Realtime.Contracts.Rooms;

namespace Realtime.Contracts.Direct;

/// <summary>A private message between two users, as both of them receive it.</summary>
/// <param name="ConversationId">The pair's conversation (see <see cref="ConversationIds"/>).</param>
/// <param name="Seq">Per-conversation sequence number; strictly increasing, never reused.</param>
/// <param name="MessageId">Server-assigned unique id of the message.</param>
/// <param name="FromUserId">The sender.</param>
/// <param name="DisplayName">The sender's display name when the message was sent.</param>
/// <param name="Text">The trimmed, NFC-normalised text, with contacts or terms masked where the rules say so.</param>
/// <param name="Language">Detected or declared source language, or null.</param>
/// <param name="SentAt">When the conversation accepted the message (UTC).</param>
/// <param name="Translation">The reader's translation when known (pages only), else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectMessage")]
public sealed record DirectMessage(
    string ConversationId,
    long Seq,
    string MessageId,
    string FromUserId,
    string DisplayName,
    string Text,
    string? Language,
    DateTimeOffset SentAt,
    Translation? Translation);
