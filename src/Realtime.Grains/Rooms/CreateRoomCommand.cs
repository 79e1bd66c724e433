using Orleans;

namespace Realtime.Grains.Rooms;

/// <summary>Creates a room; the caller becomes its host.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateRoomCommand")]
public sealed record CreateRoomCommand(string Title, string HostId);
