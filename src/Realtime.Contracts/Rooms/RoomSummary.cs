using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>One row of <c>GET /api/rooms</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.RoomSummary")]
public sealed record RoomSummary(string RoomId, string Title, string HostId, long Viewers, long Likes);
