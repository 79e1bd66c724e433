using Realtime.Contracts.Hashtags;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Hashtags;
using Realtime.Grains.Notes;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Growth over the 1 h and 24 h windows, on the grains' fake clock, and topics feeding the trending grain.</summary>
public sealed class TrendingTests : NoteTestBase
{
    private ITrendingGrain Trending => Host.Grains.GetGrain<ITrendingGrain>(TrendingGrain.Key);

    private static IEnumerable<string> Tags(TrendingList list) => list.Topics.Select(t => t.Tag);

    [Fact]
    public async Task Topics_are_ranked_by_growth_over_the_window_before_with_a_floor()
    {
        // An hour ago: steady had 100, climber 10.
        await Trending.ReportAsync([new TrendingReport("steady", 100, 0), new TrendingReport("climber", 10, 0)]);
        Clock.Advance(TimeSpan.FromMinutes(61));

        // This hour: steady 100 more, climber 200 more (150 of them views), newcomer 50.
        await Trending.ReportAsync([new TrendingReport("steady", 200, 0), new TrendingReport("climber", 60, 150), new TrendingReport("newcomer", 50, 0)]);

        var hour = await Trending.ListAsync(TrendingWindows.Hour);
        Assert.Equal(["climber", "newcomer", "steady"], Tags(hour));
        Assert.Equal([19.0, 5.0, 0.0], hour.Topics.Select(t => t.Growth));
        Assert.Equal(new TrendingTopic("climber", 60, 150, 19.0), hour.Topics[0]);

        // The day window holds both hours: everything is new against the empty day before.
        var day = await Trending.ListAsync(TrendingWindows.Day);
        Assert.Equal(["climber", "steady", "newcomer"], Tags(day));
        Assert.Equal([21.0, 20.0, 5.0], day.Topics.Select(t => t.Growth));
    }

    [Fact]
    public async Task A_report_that_arrives_twice_or_late_adds_no_growth()
    {
        await Trending.ReportAsync([new TrendingReport("surge", 30, 0), new TrendingReport("calm", 25, 0)]);
        await Trending.ReportAsync([new TrendingReport("surge", 30, 0)]);
        await Trending.ReportAsync([new TrendingReport("calm", 20, 0)]);

        var hour = await Trending.ListAsync(TrendingWindows.Hour);

        Assert.Equal(["surge", "calm"], Tags(hour));
        Assert.Equal([3.0, 2.5], hour.Topics.Select(t => t.Growth));
        Assert.Equal(25, hour.Topics[1].Notes);
    }

    [Fact]
    public async Task A_topic_leaves_the_hour_list_once_quiet_for_two_hours_but_stays_in_the_day_list()
    {
        await Trending.ReportAsync([new TrendingReport("brief", 40, 0)]);
        Clock.Advance(TimeSpan.FromMinutes(61));
        var previousHourOnly = await Trending.ListAsync(TrendingWindows.Hour);
        Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Empty(previousHourOnly.Topics);
        Assert.Empty((await Trending.ListAsync(TrendingWindows.Hour)).Topics);
        Assert.Equal(["brief"], Tags(await Trending.ListAsync(TrendingWindows.Day)));
        Clock.Advance(TimeSpan.FromHours(47));
        Assert.Empty((await Trending.ListAsync(TrendingWindows.Day)).Topics);
    }

    [Fact]
    public async Task An_unknown_window_is_refused()
    {
        var e = await Assert.ThrowsAsync<RealtimeException>(() => Trending.ListAsync("7d"));
        Assert.Equal("invalid", e.Code);
    }

    [Fact]
    public async Task Topics_report_their_notes_and_views_to_the_trending_list_which_is_published_to_its_watchers()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        await SubscribeAsync(Topics.Trending);
        for (var i = 0; i < 5; i++)
        {
            await Note("n-" + tag + i).CreateAsync(new CreateNoteCommand("ann" + i, "#" + tag, "", "en"));
        }

        await Note("n-" + tag + "0").RecordViewsAsync(new ViewBatch("silo-a", 1, 7));

        var published = await EventsOf(Topics.Trending).WaitForAsync(
            HubEvents.Trending,
            (TrendingList l) => l.Window == TrendingWindows.Hour && l.Topics.Any(t => t.Tag == tag && t is { Notes: 5, Views: 7 }),
            "5 notes and 7 views of the tag");
        Assert.Equal(new TrendingTopic(tag, 5, 7, 1.2), published.Topics.Single(t => t.Tag == tag));
        Assert.Contains(tag, Tags(await Trending.ListAsync(TrendingWindows.Day)));
    }
}
