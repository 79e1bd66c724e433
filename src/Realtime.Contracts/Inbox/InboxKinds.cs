namespace Realtime.Contracts.Inbox;

/// <summary>The kinds of inbox items.</summary>
public static class InboxKinds
{
    public const string Comment = "comment";
    public const string Reply = "reply";
    public const string Mention = "mention";
    public const string NoteLike = "noteLike";
    public const string CommentLike = "commentLike";
    public const string Collect = "collect";
}
