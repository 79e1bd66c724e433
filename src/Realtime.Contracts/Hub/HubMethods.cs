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
}
