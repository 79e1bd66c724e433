namespace Realtime.Grains.Inbox;

/// <summary>An inbox's persisted counters; its items live in the grain's log.</summary>
public sealed class InboxState
{
    public long LastSeq { get; set; }

    /// <summary>Items up to this seq are read.</summary>
    public long ReadUpTo { get; set; }

    public long Unread { get; set; }

    /// <summary>Open coalescing groups: target ("noteLike/n1") -> the item that gathers it.</summary>
    public Dictionary<string, ReactionGroup> Groups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reactions gathered into an open group but not yet folded into its item: target -> how many.</summary>
    public Dictionary<string, long> PendingFolds { get; set; } = new(StringComparer.Ordinal);
}
