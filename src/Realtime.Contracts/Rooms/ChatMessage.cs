using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>A chat line in a live room, as every viewer receives it.</summary>
/// <param name="RoomId">The room the line belongs to.</param>
/// <param name="Seq">Per-room sequence number; strictly increasing, never reused.</param>
/// <param name="MessageId">Server-assigned unique id of the line.</param>
/// <param name="UserId">The author.</param>
/// <param name="DisplayName">The author's display name when the line was sent.</param>
/// <param name="Text">The trimmed, NFC-normalised text.</param>
/// <param name="Language">Detected or declared source language, or null.</param>
/// <param name="ReplyToSeq">The seq of the line this one answers, or null.</param>
/// <param name="SentAt">When the room accepted the line (UTC).</param>
/// <param name="Translation">The reader's translation when known (snapshots only), else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatMessage")]
public sealed record ChatMessage(
    string RoomId,
    long Seq,
    string MessageId,
    string UserId,
    string DisplayName,
    string Text,
    string? Language,
    long? ReplyToSeq,
    DateTimeOffset SentAt,
    Translation? Translation);
