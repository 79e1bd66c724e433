using Realtime.Contracts.Hashtags;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// Growth over sliding windows. Activity is new notes + new views. For the 1 h window, the window is
/// the last 60 minute buckets (this one included) and the window before is the 60 before those; for
/// 24 h, the last 24 hour buckets and the 24 before. growth = (now - before) / max(before, <see cref="Floor"/>):
/// 0 means as busy as before, 1 twice as busy, and a new topic with 50 notes grows by 4.
/// Topics without activity in the window are not listed. Ties go to the busier topic, then by tag.
/// </summary>
public static class TrendingRanking
{
    /// <summary>The smallest "before" a growth is measured against, so a topic with 2 notes out of 1 does not top the list.</summary>
    public const double Floor = 10;

    /// <summary>Minute buckets kept: two 1 h windows.</summary>
    public const int MinutesKept = 120;

    /// <summary>Hour buckets kept: two 24 h windows.</summary>
    public const int HoursKept = 48;

    /// <summary>Adds <paramref name="activity"/> at <paramref name="at"/>.</summary>
    public static void Add(TopicTrend trend, DateTimeOffset at, long activity)
    {
        var minute = MinuteOf(at);
        trend.Minutes[minute] = trend.Minutes.GetValueOrDefault(minute) + activity;
        var hour = minute / 60;
        trend.Hours[hour] = trend.Hours.GetValueOrDefault(hour) + activity;
        trend.LastMinute = Math.Max(trend.LastMinute, minute);
    }

    /// <summary>Drops buckets older than both windows; true when nothing is left of the topic's activity.</summary>
    public static bool Prune(TopicTrend trend, DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        foreach (var key in trend.Minutes.Keys.Where(m => m <= minute - MinutesKept).ToList())
        {
            trend.Minutes.Remove(key);
        }

        foreach (var key in trend.Hours.Keys.Where(h => h <= minute / 60 - HoursKept).ToList())
        {
            trend.Hours.Remove(key);
        }

        return trend.Hours.Count == 0;
    }

    /// <summary>The growth of one topic in <paramref name="window"/> at <paramref name="now"/>, and its activity in the window.</summary>
    public static (double Growth, long Current) GrowthOf(TopicTrend trend, string window, DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        var (buckets, at, width) = window == TrendingWindows.Hour ? (trend.Minutes, minute, 60L) : (trend.Hours, minute / 60, 24L);
        long current = 0, before = 0;
        foreach (var (bucket, activity) in buckets)
        {
            var age = at - bucket;
            if (age < 0)
            {
                continue;
            }

            if (age < width)
            {
                current += activity;
            }
            else if (age < 2 * width)
            {
                before += activity;
            }
        }

        return ((current - before) / Math.Max(before, Floor), current);
    }

    /// <summary>The list of <paramref name="window"/>: topics with activity in it, highest growth first, at most <paramref name="size"/>.</summary>
    public static TrendingList Rank(IReadOnlyDictionary<string, TopicTrend> topics, string window, DateTimeOffset now, int size = TrendingWindows.ListSize)
    {
        var rows = new List<(TrendingTopic Row, long Current)>();
        foreach (var (tag, trend) in topics)
        {
            var (growth, current) = GrowthOf(trend, window, now);
            if (current > 0)
            {
                rows.Add((new TrendingTopic(tag, trend.Notes, trend.Views, Math.Round(growth, 3)), current));
            }
        }

        var ranked = rows
            .OrderByDescending(r => r.Row.Growth)
            .ThenByDescending(r => r.Current)
            .ThenBy(r => r.Row.Tag, StringComparer.Ordinal)
            .Take(size)
            .Select(r => r.Row)
            .ToList();
        return new TrendingList(window, ranked);
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
