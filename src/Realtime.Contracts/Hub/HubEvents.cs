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
}
