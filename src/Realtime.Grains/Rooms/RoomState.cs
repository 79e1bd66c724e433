using Realtime.Contracts.Rooms;

namespace Realtime.Grains.Rooms;

/// <summary>A room's persisted state; its chat lines live in the grain's log.</summary>
public sealed class RoomState
{
    public string Title { get; set; } = "";

    public string HostId { get; set; } = "";

    /// <summary>Set when the room is created; changes only if its history is reset.</summary>
    public string Epoch { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public long LastSeq { get; set; }

    public long Likes { get; set; }

    public int SlowModeSeconds { get; set; }

    public ChatMessage? Pinned { get; set; }

    /// <summary>Silo id -> the number of its last like batch counted (see <see cref="LikeBatch"/>).</summary>
    public Dictionary<string, long> LikeBatches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Banned user id -> when the ban ends.</summary>
    public Dictionary<string, DateTimeOffset> Bans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seq -> dedupe key of lines held for review: in the log, sent to nobody until released.</summary>
    public Dictionary<long, string> Held { get; set; } = [];

    /// <summary>Ids of the products on sale in the room, in the order they were added.</summary>
    public List<string> Products { get; set; } = [];

    /// <summary>The product on the stage (its stock as when pinned; the room keeps the latest in memory).</summary>
    public Realtime.Contracts.Commerce.Product? PinnedProduct { get; set; }

    /// <summary>Held seq -> the seq it was released under (its dedupe key stays on the held entry).</summary>
    public Dictionary<long, long> Released { get; set; } = [];
}
