namespace Realtime.Contracts.Hub;

/// <summary>Names of the client-to-server hub methods (case-sensitive).</summary>
public static class HubMethods
{
    public const string JoinRoom = nameof(JoinRoom);
    public const string LeaveRoom = nameof(LeaveRoom);
    public const string SendChat = nameof(SendChat);
    public const string Like = nameof(Like);
    public const string SetLanguage = nameof(SetLanguage);
    public const string SetSlowMode = nameof(SetSlowMode);
    public const string DeleteChat = nameof(DeleteChat);
    public const string PinChat = nameof(PinChat);
    public const string BanFromRoom = nameof(BanFromRoom);
    public const string WatchNote = nameof(WatchNote);
    public const string UnwatchNote = nameof(UnwatchNote);
    public const string PostComment = nameof(PostComment);
    public const string LikeNote = nameof(LikeNote);
    public const string CollectNote = nameof(CollectNote);
    public const string LikeComment = nameof(LikeComment);
    public const string GetInbox = nameof(GetInbox);
    public const string MarkInboxRead = nameof(MarkInboxRead);
    public const string SendDirectMessage = nameof(SendDirectMessage);
    public const string GetConversations = nameof(GetConversations);
    public const string GetDirectMessages = nameof(GetDirectMessages);
    public const string MarkConversationRead = nameof(MarkConversationRead);
    public const string BlockUser = nameof(BlockUser);
    public const string UnblockUser = nameof(UnblockUser);
    public const string Report = nameof(Report);
    public const string PinProduct = nameof(PinProduct);
    public const string Reserve = nameof(Reserve);
    public const string WatchTopic = nameof(WatchTopic);
    public const string UnwatchTopic = nameof(UnwatchTopic);
    public const string WatchTrending = nameof(WatchTrending);
    public const string UnwatchTrending = nameof(UnwatchTrending);
    public const string RecordView = nameof(RecordView);
}
