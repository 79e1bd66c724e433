namespace Realtime.Contracts.Rooms;

/// <summary>The <c>chatDeleted</c> event.</summary>
public sealed record ChatDeleted(string RoomId, long Seq);
