using Orleans;

namespace Realtime.Grains.Rooms;

/// <summary>A validated, normalised chat line from an authenticated sender; <paramref name="OverRateLimit"/> means the sender used up its allowance (refused unless it is a retry).</summary>
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
    bool OverRateLimit = false);
