using Orleans;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// A topic's totals as it reports them to the trending grain (at most once a second). The trending
/// grain takes the growth since the last report it saw from the same topic: a report that arrives
/// twice, or late behind a newer one, adds nothing.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TrendingReport")]
public sealed record TrendingReport(string Tag, long Notes, long Views);
