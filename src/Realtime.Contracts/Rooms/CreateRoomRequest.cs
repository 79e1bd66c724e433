namespace Realtime.Contracts.Rooms;

/// <summary>Body of <c>POST /api/rooms</c>.</summary>
public sealed record CreateRoomRequest(string? RoomId, string? Title);
