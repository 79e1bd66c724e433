namespace Realtime.Grains.Rooms;

/// <summary>Creates a room; the caller becomes its host.</summary>
public sealed record CreateRoomCommand(string Title, string HostId);
