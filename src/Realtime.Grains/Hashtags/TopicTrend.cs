namespace Realtime.Grains.Hashtags;

/// <summary>
/// What the trending grain keeps per topic: the totals last reported, and activity (new notes +
/// new views) in per-minute buckets (the last two hours) and per-hour buckets (the last two days).
/// </summary>
public sealed class TopicTrend
{
    public long Notes { get; set; }

    public long Views { get; set; }

    /// <summary>Unix minute -> activity in that minute.</summary>
    public Dictionary<long, long> Minutes { get; set; } = [];

    /// <summary>Unix hour -> activity in that hour.</summary>
    public Dictionary<long, long> Hours { get; set; } = [];

    /// <summary>The unix minute of the last report that added activity.</summary>
    public long LastMinute { get; set; }
}
