using Realtime.Contracts.Moderation;

namespace Realtime.Grains.Moderation;

/// <summary>The review queue's persisted state; decided entries live in its log.</summary>
public sealed class ModerationQueueState
{
    public long NextId { get; set; }

    /// <summary>Decisions so far (the log's seq).</summary>
    public long Decisions { get; set; }

    /// <summary>Entry id -> pending entry.</summary>
    public Dictionary<string, ReviewItem> Pending { get; set; } = [];
}
