using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>Body of <c>POST /api/rooms</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateRoomRequest")]
public sealed record CreateRoomRequest(string? RoomId, string? Title);
