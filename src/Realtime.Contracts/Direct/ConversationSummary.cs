using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>One entry of a user's conversation list.</summary>
/// <param name="OtherUserId">The other participant.</param>
/// <param name="OtherDisplayName">The other participant's latest known display name.</param>
/// <param name="LastMessage">The latest message, or null for a conversation with none yet.</param>
/// <param name="Unread">Messages from the other participant this user has not marked read.</param>
/// <param name="UpdatedAt">When the latest message was sent (the list's order, latest first).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ConversationSummary")]
public sealed record ConversationSummary(
    string ConversationId,
    string OtherUserId,
    string OtherDisplayName,
    DirectMessage? LastMessage,
    long Unread,
    DateTimeOffset UpdatedAt);
