using Orleans.Runtime;
using Realtime.Contracts.Hashtags;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// Ranks topics by growth (see <see cref="TrendingRanking"/>). Topics report their totals at most
/// once a second each; the grain takes the difference to the totals it last saw from that topic,
/// so a report that arrives twice or late adds nothing, and after a restart the first report
/// brings whatever the last persisted totals missed. State is written at most once a second.
/// Publishes <c>trending</c> for each window whose list changed, at most once a second, to
/// topic <c>trending</c>.
/// </summary>
public sealed class TrendingGrain(
    [PersistentState(TrendingGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<TrendingState>> state,
    DurableGrainServices services,
    IClock clock) : DurableGrain<TrendingState>(state, services), ITrendingGrain
{
    /// <summary>The state name in grain storage.</summary>
    public const string StateName = "trending";

    /// <summary>The key of the one trending grain.</summary>
    public const string Key = "all";

    /// <summary>How many topics the grain follows at most (the least recently active go first).</summary>
    public const int TopicsMax = 20_000;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, TrendingList> _sent = new(StringComparer.Ordinal);
    private bool _dirty;
    private long _publishedAt;
    private long _persistedAt;

    protected override string LogType => StateName;

    protected override Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        RegisterTick(OnTickAsync, Tick);
        return Task.CompletedTask;
    }

    protected override Task OnDeactivatingAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            Commit();
        }

        return Task.CompletedTask;
    }

    Task ITrendingGrain.ReportAsync(IReadOnlyList<TrendingReport> reports, CancellationToken cancellationToken) => Run(() =>
    {
        var now = clock.UtcNow;
        foreach (var report in reports)
        {
            if (HashtagParser.Normalize(report.Tag) != report.Tag || report.Notes < 0 || report.Views < 0)
            {
                continue;
            }

            if (!State.Topics.TryGetValue(report.Tag, out var trend))
            {
                trend = new TopicTrend();
                State.Topics[report.Tag] = trend;
            }

            var notes = report.Notes - trend.Notes;
            var views = report.Views - trend.Views;
            if (notes < 0 || views < 0 || notes + views == 0)
            {
                // Older than what was seen (a late retry), or nothing new.
                continue;
            }

            trend.Notes = report.Notes;
            trend.Views = report.Views;
            TrendingRanking.Add(trend, now, notes + views);
            _dirty = true;
        }
    });

    Task<TrendingList> ITrendingGrain.ListAsync(string window, CancellationToken cancellationToken) => Run(() =>
        TrendingWindows.IsKnown(window)
            ? TrendingRanking.Rank(State.Topics, window, clock.UtcNow)
            : throw RealtimeException.Invalid("window must be 1h or 24h"));

    private Task OnTickAsync()
    {
        PruneRelays();
        var now = Environment.TickCount64;
        // Windows slide with time as well as with reports: a list is looked at again every second.
        if (now - _publishedAt >= PublishInterval.TotalMilliseconds && SubscribedTopics().Count > 0)
        {
            _publishedAt = now;
            var at = clock.UtcNow;
            foreach (var window in TrendingWindows.All)
            {
                var list = TrendingRanking.Rank(State.Topics, window, at);
                if (!_sent.TryGetValue(window, out var sent) || !sent.Topics.SequenceEqual(list.Topics))
                {
                    _sent[window] = list;
                    Publish(Topics.Trending, HubEvents.Trending, list);
                }
            }
        }

        if (_dirty && now - _persistedAt >= PersistInterval.TotalMilliseconds)
        {
            _dirty = false;
            _persistedAt = now;
            Prune(clock.UtcNow);
            Commit();
        }

        return Task.CompletedTask;
    }

    private void Prune(DateTimeOffset now)
    {
        // A quiet topic keeps its totals (its next report must not count them again as growth).
        foreach (var trend in State.Topics.Values)
        {
            TrendingRanking.Prune(trend, now);
        }

        if (State.Topics.Count > TopicsMax)
        {
            foreach (var (tag, _) in State.Topics.OrderBy(t => t.Value.LastMinute).Take(State.Topics.Count - TopicsMax).ToList())
            {
                State.Topics.Remove(tag);
            }
        }
    }
}
