using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>The <c>chatDeleted</c> event.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatDeleted")]
public sealed record ChatDeleted(string RoomId, long Seq);
