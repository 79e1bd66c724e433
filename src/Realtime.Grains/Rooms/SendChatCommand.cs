using Orleans;

namespace Realtime.Grains.Rooms;

/// <summary>A validated, normalised, moderated chat line from an authenticated sender; <paramref name="OverRateLimit"/> means the sender used up its allowance (refused unless it is a retry).</summary>
/// <param name="Masked">Something in the text was replaced by <c>***</c>.</param>
/// <param name="Held">A term sends it to review: stored, but shown to nobody until approved.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.SendChatCommand")]
public sealed record SendChatCommand(
    string UserId,
    string DisplayName,
    string ClientMessageId,
    string Text,
    string? Language,
    long? ReplyToSeq,
    bool OverRateLimit = false,
    bool Masked = false,
    bool Held = false);
