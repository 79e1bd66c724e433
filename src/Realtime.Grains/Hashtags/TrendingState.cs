namespace Realtime.Grains.Hashtags;

/// <summary>The trending grain's state: the topics active in the last two days.</summary>
public sealed class TrendingState
{
    /// <summary>Folded tag -> its trend.</summary>
    public Dictionary<string, TopicTrend> Topics { get; set; } = new(StringComparer.Ordinal);
}
