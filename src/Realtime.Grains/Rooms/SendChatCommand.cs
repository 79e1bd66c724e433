namespace Realtime.Grains.Rooms;

/// <summary>A validated, normalised chat line from an authenticated sender.</summary>
public sealed record SendChatCommand(
    string UserId,
    string DisplayName,
    string ClientMessageId,
    string Text,
    string? Language,
    long? ReplyToSeq);
