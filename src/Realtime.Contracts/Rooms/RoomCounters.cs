using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>The <c>roomCounters</c> event: sent at most four times a second per room.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.RoomCounters")]
public sealed record RoomCounters(string RoomId, long Viewers, long Likes);
