using Orleans;

namespace Realtime.Grains.Notes;

/// <summary>A validated, normalised comment; <paramref name="OverRateLimit"/> means the user used up its allowance (refused unless it is a retry).</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.PostCommentCommand")]
public sealed record PostCommentCommand(
    string UserId,
    string DisplayName,
    string ClientMessageId,
    string Text,
    string? Language,
    string? ReplyToCommentId,
    bool OverRateLimit = false,
    bool Masked = false,
    bool Held = false);
