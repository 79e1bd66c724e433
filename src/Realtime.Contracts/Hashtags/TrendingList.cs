using Orleans;

namespace Realtime.Contracts.Hashtags;

/// <summary>The <c>trending</c> event and what <c>GET /api/topics/trending</c> returns: the fastest-growing topics of one window.</summary>
/// <param name="Window">One of <see cref="TrendingWindows.All"/>: <c>1h</c> or <c>24h</c>.</param>
/// <param name="Topics">At most <see cref="TrendingWindows.ListSize"/> topics, highest growth first.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TrendingList")]
public sealed record TrendingList(string Window, IReadOnlyList<TrendingTopic> Topics);
