namespace Realtime.Contracts.Moderation;

/// <summary>What a review entry or a report is about, with its target id's format.</summary>
public static class ReviewKinds
{
    /// <summary>A chat line: <c>roomId:seq</c>.</summary>
    public const string Chat = "chat";

    /// <summary>A comment: <c>noteId:commentId</c>.</summary>
    public const string Comment = "comment";

    /// <summary>A note (title and body): <c>noteId</c>.</summary>
    public const string Note = "note";

    /// <summary>A direct message: <c>conversationId:seq</c>.</summary>
    public const string DirectMessage = "directMessage";

    /// <summary>A user (their display name): <c>userId</c>.</summary>
    public const string User = "user";
}
