using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>The <c>chatPinned</c> event; <paramref name="Message"/> is null when the pin was removed.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatPinned")]
public sealed record ChatPinned(string RoomId, ChatMessage? Message);
