using Orleans;
using Realtime.Contracts.Hashtags;
using Realtime.Grains.Events;

namespace Realtime.Grains.Hashtags;

/// <summary>The trending lists (one grain, key <see cref="TrendingGrain.Key"/>); publishes <c>trending</c> at most once a second per window.</summary>
[Alias("realtime.ITrendingGrain")]
public interface ITrendingGrain : IEventSourceGrain
{
    /// <summary>Topics' totals, reported by the topics themselves at most once a second each.</summary>
    [Alias("Report")]
    Task ReportAsync(IReadOnlyList<TrendingReport> reports, CancellationToken cancellationToken = default);

    /// <summary>The list of one window (<c>1h</c> or <c>24h</c>); <c>invalid:</c> otherwise.</summary>
    [Alias("List")]
    Task<TrendingList> ListAsync(string window, CancellationToken cancellationToken = default);
}
