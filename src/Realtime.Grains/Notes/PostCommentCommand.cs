namespace Realtime.Grains.Notes;

/// <summary>A validated, normalised comment from an authenticated user.</summary>
public sealed record PostCommentCommand(
    string UserId,
    string DisplayName,
    string ClientMessageId,
    string Text,
    string? Language,
    string? ReplyToCommentId);
