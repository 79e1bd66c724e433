using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Likes and viewer counts, and the roomCounters event that carries them.</summary>
public sealed class RoomCounterTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Likes_add_exactly_and_roomCounters_carries_the_total()
    {
        var roomId = await CreateRoomAsync();
        var counts = Enumerable.Range(1, 40).Select(i => (long)(i % 7 + 1)).ToList();

        // Batches sent at once come from different silos: one silo sends its batches one after another.
        await Task.WhenAll(counts.Select((c, i) => AddLikesAsync(roomId, c, siloId: $"silo-{i}")));

        var total = counts.Sum();
        var counters = await CountersAsync(roomId, c => c.Likes == total, $"likes {total}");
        Assert.Equal(0, counters.Viewers);
        Assert.Equal(total, (await JoinAsync(roomId)).Likes);
        Assert.Equal(total, (await Room(roomId).GetSummaryAsync())!.Likes);
    }

    [Fact]
    public async Task roomCounters_never_reports_more_likes_than_were_added()
    {
        var roomId = await CreateRoomAsync();
        await AddLikesAsync(roomId, 5);
        await CountersAsync(roomId, c => c.Likes == 5, "likes 5");
        await AddLikesAsync(roomId, 2);
        await CountersAsync(roomId, c => c.Likes == 7, "likes 7");

        var reported = Events.All<RoomCounters>(HubEvents.RoomCounters, c => c.RoomId == roomId).Select(c => c.Likes).ToList();
        Assert.All(reported, likes => Assert.True(likes is 0 or 5 or 7, $"unexpected likes {likes}"));
        Assert.Equal(reported.Order(), reported);
    }

    [Fact]
    public async Task A_like_batch_sent_again_counts_once()
    {
        var roomId = await CreateRoomAsync();
        var batch = new LikeBatch("silo-a", 1, 5);
        await Room(roomId).AddLikesAsync(batch);

        // The first answer was lost to a timeout: the silo sends the same batch again, then its next one.
        await Room(roomId).AddLikesAsync(batch);
        await Room(roomId).AddLikesAsync(new LikeBatch("silo-a", 2, 3));
        await Room(roomId).AddLikesAsync(new LikeBatch("silo-b", 1, 4));

        Assert.Equal(12, (await JoinAsync(roomId)).Likes);
        await CountersAsync(roomId, c => c.Likes == 12, "likes 12");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task A_like_count_that_is_not_positive_is_invalid_and_changes_nothing(long count)
    {
        var roomId = await CreateRoomAsync();
        await AddLikesAsync(roomId, 4);

        await RefusedAsync(ErrorCodes.Invalid, () => AddLikesAsync(roomId, count));

        Assert.Equal(4, (await JoinAsync(roomId)).Likes);
    }

    [Fact]
    public async Task Likes_on_a_room_that_does_not_exist_fail_with_not_found()
    {
        await RefusedAsync(ErrorCodes.NotFound, () => AddLikesAsync("no-such-room", 1));
    }

    [Fact]
    public async Task Likes_are_persisted_within_a_second_and_survive_a_crash()
    {
        var roomId = await CreateRoomAsync();
        await AddLikesAsync(roomId, 30);
        await AddLikesAsync(roomId, 12);
        await CountersAsync(roomId, c => c.Likes == 42, "likes 42");

        // A second passes. The next tick that publishes anything (here: a viewer arrives) runs after
        // any write of likes due by then, and its events leave only after that write commits.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Room(roomId).ReportViewersAsync("silo-a", 1);
        await CountersAsync(roomId, c => c.Viewers == 1, "viewers 1");
        await RestartAsync(crash: true);

        Assert.Equal(42, (await JoinAsync(roomId)).Likes);
    }

    [Fact]
    public async Task Likes_not_yet_persisted_are_written_when_the_room_deactivates()
    {
        var roomId = await CreateRoomAsync();
        await AddLikesAsync(roomId, 30);
        await CountersAsync(roomId, c => c.Likes == 30, "likes 30");
        await AddLikesAsync(roomId, 12); // the clock stands still, so no tick writes these

        await RestartAsync(crash: false);

        Assert.Equal(42, (await JoinAsync(roomId)).Likes);
    }

    [Fact]
    public async Task Viewer_counts_are_summed_over_silos()
    {
        var roomId = await CreateRoomAsync();

        await JoinAsync(roomId, siloId: "silo-a", siloViewers: 2);
        var snapshot = await JoinAsync(roomId, siloId: "silo-b", siloViewers: 3);
        await Room(roomId).ReportViewersAsync("silo-c", 4);

        Assert.Equal(5, snapshot.Viewers);
        Assert.Equal(9, (await Room(roomId).GetSummaryAsync())!.Viewers);
        await CountersAsync(roomId, c => c.Viewers == 9, "viewers 9");
    }

    [Fact]
    public async Task A_silo_that_reports_a_new_count_replaces_its_previous_one()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).ReportViewersAsync("silo-a", 2);
        await Room(roomId).ReportViewersAsync("silo-b", 3);

        await Room(roomId).ReportViewersAsync("silo-a", 7);

        Assert.Equal(10, (await Room(roomId).GetSummaryAsync())!.Viewers);
    }

    [Fact]
    public async Task A_silo_that_reports_zero_viewers_no_longer_counts()
    {
        var roomId = await CreateRoomAsync();
        await JoinAsync(roomId, siloId: "silo-a", siloViewers: 2);
        await JoinAsync(roomId, siloId: "silo-b", siloViewers: 3);
        await CountersAsync(roomId, c => c.Viewers == 5, "viewers 5");

        await Room(roomId).ReportViewersAsync("silo-a", 0);

        Assert.Equal(3, (await Room(roomId).GetSummaryAsync())!.Viewers);
        await CountersAsync(roomId, c => c.Viewers == 3, "viewers 3");
        var mark = Events.Count;
        await Room(roomId).ReportViewersAsync("silo-b", 0);
        Assert.Equal(0, (await Room(roomId).GetSummaryAsync())!.Viewers);
        await CountersAsync(roomId, c => c.Viewers == 0, "viewers back to 0", after: mark);
    }
}
