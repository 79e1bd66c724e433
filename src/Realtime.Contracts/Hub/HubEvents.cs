namespace Realtime.Contracts.Hub;

/// <summary>Names of the server-to-client events.</summary>
public static class HubEvents
{
    public const string Chat = "chat";
    public const string ChatTranslated = "chatTranslated";
    public const string RoomCounters = "roomCounters";
    public const string ChatDeleted = "chatDeleted";
    public const string ChatPinned = "chatPinned";
    public const string RoomSettings = "roomSettings";
    public const string Comment = "comment";
    public const string CommentTranslated = "commentTranslated";
    public const string CommentDeleted = "commentDeleted";
    public const string NoteDeleted = "noteDeleted";
    public const string NoteCounters = "noteCounters";
    public const string CommentCounters = "commentCounters";
    public const string Notification = "notification";
    public const string InboxUnread = "inboxUnread";
    public const string DirectMessage = "directMessage";
    public const string DirectMessageTranslated = "directMessageTranslated";
    public const string DirectMessageDeleted = "directMessageDeleted";
    public const string DirectUnread = "directUnread";
    public const string ProductPinned = "productPinned";
    public const string ProductStock = "productStock";
    public const string OrderPlaced = "orderPlaced";
    public const string TopicCounters = "topicCounters";
    public const string Trending = "trending";
}
