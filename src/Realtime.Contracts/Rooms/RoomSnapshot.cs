using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>What <c>JoinRoom</c> returns: the room's state and the messages the caller needs.</summary>
/// <param name="Epoch">Changes only when the room's history was lost or reset.</param>
/// <param name="Recovered">True when every message after the requested <c>sinceSeq</c> is included.</param>
/// <param name="Messages">The latest 50 messages, or every message after <c>sinceSeq</c> (at most 1000).</param>
/// <param name="PinnedProduct">The product on the stage, or null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.RoomSnapshot")]
public sealed record RoomSnapshot(
    string RoomId,
    string Title,
    string HostId,
    long Viewers,
    long Likes,
    long LastSeq,
    string Epoch,
    bool Recovered,
    IReadOnlyList<ChatMessage> Messages,
    ChatMessage? Pinned,
    int SlowModeSeconds,
    Realtime.Contracts.Commerce.Product? PinnedProduct = null);
