using Orleans;

namespace Realtime.Contracts.Hashtags;

/// <summary>One row of a trending list.</summary>
/// <param name="Tag">The folded tag.</param>
/// <param name="Notes">The topic's total notes (as last reported by the topic).</param>
/// <param name="Views">The topic's total views (as last reported by the topic).</param>
/// <param name="Growth">
/// (activity in the window - activity in the window before) / max(activity in the window before, 10),
/// where activity is notes + views; the list is ordered by it.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TrendingTopic")]
public sealed record TrendingTopic(string Tag, long Notes, long Views, double Growth);
