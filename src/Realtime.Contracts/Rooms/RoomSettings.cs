namespace Realtime.Contracts.Rooms;

/// <summary>The <c>roomSettings</c> event.</summary>
public sealed record RoomSettings(string RoomId, int SlowModeSeconds);
