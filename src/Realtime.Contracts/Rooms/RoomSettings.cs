using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>The <c>roomSettings</c> event.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.RoomSettings")]
public sealed record RoomSettings(string RoomId, int SlowModeSeconds);
