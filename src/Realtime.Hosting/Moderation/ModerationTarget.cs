using System.Globalization;
using Realtime.Contracts.Direct;
using Realtime.Contracts.Moderation;
using Realtime.Contracts.Validation;

namespace Realtime.Hosting.Moderation;

/// <summary>What a report or a review entry is about: its kind and the target id in that kind's format.</summary>
public sealed record ModerationTarget(string Kind, string TargetId, string Owner, long Seq = 0, string? ItemId = null)
{
    /// <summary>A chat line: <c>roomId:seq</c>.</summary>
    public static ModerationTarget Chat(string roomId, long seq) => new(ReviewKinds.Chat, roomId + ":" + Format(seq), roomId, seq);

    /// <summary>A comment: <c>noteId:commentId</c>.</summary>
    public static ModerationTarget Comment(string noteId, string commentId) => new(ReviewKinds.Comment, noteId + ":" + commentId, noteId, ItemId: commentId);

    /// <summary>A note: <c>noteId</c>.</summary>
    public static ModerationTarget Note(string noteId) => new(ReviewKinds.Note, noteId, noteId);

    /// <summary>A direct message: <c>conversationId:seq</c>.</summary>
    public static ModerationTarget DirectMessage(string conversationId, long seq) => new(ReviewKinds.DirectMessage, conversationId + ":" + Format(seq), conversationId, seq);

    /// <summary>A user: <c>userId</c>.</summary>
    public static ModerationTarget User(string userId) => new(ReviewKinds.User, userId, userId);

    /// <summary>Parses a client's kind and target id; null when either is malformed.</summary>
    public static ModerationTarget? TryParse(string? kind, string? targetId)
    {
        if (targetId is null)
        {
            return null;
        }

        var colon = targetId.IndexOf(':');
        var owner = colon < 0 ? targetId : targetId[..colon];
        var item = colon < 0 ? null : targetId[(colon + 1)..];
        return kind switch
        {
            ReviewKinds.Chat when ContractRules.IsValidId(owner) && ParseSeq(item) is { } seq => Chat(owner, seq),
            ReviewKinds.Comment when ContractRules.IsValidId(owner) && ContractRules.IsValidId(item) => Comment(owner, item!),
            ReviewKinds.Note when colon < 0 && ContractRules.IsValidId(owner) => Note(owner),
            ReviewKinds.DirectMessage when ConversationIds.TryParse(owner, out _, out _) && ParseSeq(item) is { } seq => DirectMessage(owner, seq),
            ReviewKinds.User when colon < 0 && ContractRules.IsValidId(owner) => User(owner),
            _ => null,
        };
    }

    private static long? ParseSeq(string? text) =>
        text is { Length: > 0 and <= 19 } && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0 ? seq : null;

    private static string Format(long seq) => seq.ToString(CultureInfo.InvariantCulture);
}
