using Realtime.Contracts.Rooms;

namespace Realtime.Client.Internal;

/// <summary>What the client remembers about one room it joined; guarded by <see cref="Sync"/>.</summary>
internal sealed class RoomState
{
    public RoomState(string roomId) => RoomId = roomId;

    public string RoomId { get; }

    public Lock Sync { get; } = new();

    /// <summary>True once a join succeeded: the room is re-joined after a reconnect.</summary>
    public bool Joined { get; set; }

    /// <summary>The seq of the last chat message handed to the handlers (or covered by the join snapshot).</summary>
    public long? LastDeliveredSeq { get; set; }

    public RoomSnapshot? Snapshot { get; set; }

    /// <summary>Joins under way; while any is, chat events of the room wait in <see cref="Held"/>.</summary>
    public int JoinsInFlight { get; set; }

    public List<ChatMessage>? Held { get; set; }
}
