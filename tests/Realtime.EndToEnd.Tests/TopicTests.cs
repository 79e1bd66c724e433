using System.Net;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hashtags;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>Hashtag topics and the trending lists over the hub and REST of a real silo.</summary>
public sealed class TopicTests(NoteSiloFixture fixture) : IClassFixture<NoteSiloFixture>, IAsyncLifetime
{
    private readonly NoteWorld _world = new(fixture.Silo);

    public static TheoryData<string?> BadTags => new()
    {
        null,
        string.Empty,
        "#",
        "two words",
        "a/b",
        "123",
        "tag!",
        new string('x', 51),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    private static string NewTag(string prefix = "Tag") => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task NotesWithAHashtagShowUpLiveInTopicCountersAndOverRestWithTheLatestNotes()
    {
        var tag = NewTag();
        var folded = tag.ToLowerInvariant();
        var watcher = await _world.ConnectAsync(null);
        var counters = new EventLog<TopicCounters>();
        watcher.OnTopicCounters(counters.Add);

        var initial = await watcher.WatchTopicAsync("#" + tag);
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var first = await _world.CreateNoteAsync(ann, $"Hotpot #{tag}", "Where the locals eat.");
        var second = await _world.CreateNoteAsync(bob, "Noodles", $"Hand-pulled, #{tag.ToUpperInvariant()} again");
        var third = await _world.CreateNoteAsync(ann, $"#{folded} at night", "Spicy.");

        Assert.Equal(new TopicCounters(folded, 0, 0, 0), initial);
        await counters.WaitAsync(c => c is { Notes: 3, Participants: 2 });
        var viewer = await _world.ConnectAsync(NoteWorld.NewUser("viewer"));
        for (var i = 0; i < 4; i++)
        {
            await viewer.RecordViewAsync(second.NoteId);
        }

        await watcher.RecordViewAsync(first.NoteId);
        var viewed = await counters.WaitAsync(c => c.Views == 5);
        Assert.Equal(new TopicCounters(folded, 3, 5, 2), viewed);

        var topic = await _world.Rest.GetTopicAsync("#" + tag.ToUpperInvariant());
        Assert.Equal(folded, topic.Tag);
        Assert.Equal((3, 5, 2), (topic.Notes, topic.Views, topic.Participants));
        Assert.Equal([third.NoteId, second.NoteId, first.NoteId], topic.LatestNotes.Select(n => n.NoteId));
        Assert.Equal(new TopicNote(third.NoteId, ann, $"#{folded} at night", "Spicy.", third.Language, third.CreatedAt), topic.LatestNotes[0]);
    }

    [Fact]
    public async Task TagsInAnyScriptAreOneTopicWhateverTheirCase()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var chinese = "中国美食" + suffix;
        var author = NoteWorld.NewUser("author");

        var watcher = await _world.ConnectAsync(null);
        var counters = new EventLog<TopicCounters>();
        watcher.OnTopicCounters(counters.Add);
        await watcher.WatchTopicAsync(chinese);
        await watcher.WatchTopicAsync("café" + suffix);

        await _world.CreateNoteAsync(author, $"今天 #{chinese}", "");
        await _world.CreateNoteAsync(author, $"Café #CAFÉ{suffix}", $"and #café{suffix}");

        // A note reaches its topics after its own commit: the counters say when.
        await counters.WaitAsync(c => c.Tag == chinese && c.Notes == 1);
        await counters.WaitAsync(c => c.Tag == "café" + suffix && c.Notes == 1);
        Assert.Equal(1, (await _world.Rest.GetTopicAsync(chinese)).Notes);
        Assert.Equal(1, (await _world.Rest.GetTopicAsync("Café" + suffix)).Notes);
    }

    [Fact]
    public async Task WatchersOfTrendingGetBothWindowsAndLiveListsThatRestAlsoServes()
    {
        var tag = NewTag("trend").ToLowerInvariant();
        var watcher = await _world.ConnectAsync(null);
        var trending = new EventLog<TrendingList>();
        watcher.OnTrending(trending.Add);

        var lists = await watcher.WatchTrendingAsync();
        var author = NoteWorld.NewUser("author");
        for (var i = 0; i < 3; i++)
        {
            await _world.CreateNoteAsync(author, $"Day {i} #{tag}", "");
        }

        Assert.Equal(TrendingWindows.All, lists.Select(l => l.Window));
        var hour = await trending.WaitAsync(l => l.Window == TrendingWindows.Hour && l.Topics.Any(t => t.Tag == tag && t.Notes == 3));
        await trending.WaitAsync(l => l.Window == TrendingWindows.Day && l.Topics.Any(t => t.Tag == tag && t.Notes == 3));
        Assert.True(hour.Topics.Single(t => t.Tag == tag).Growth > 0);
        var served = await _world.Rest.GetTrendingAsync(TrendingWindows.Day);
        Assert.Equal(TrendingWindows.Day, served.Window);
        Assert.Contains(served.Topics, t => t.Tag == tag && t.Notes == 3);
        Assert.Contains((await _world.Rest.GetTrendingAsync()).Topics, t => t.Tag == tag);
    }

    [Fact]
    public async Task UnwatchingATopicStopsItsCountersWhileOtherWatchersStillGetThem()
    {
        var tag = NewTag().ToLowerInvariant();
        var leaving = await _world.ConnectAsync(null);
        var staying = await _world.ConnectAsync(null);
        var left = new EventLog<TopicCounters>();
        var stayed = new EventLog<TopicCounters>();
        leaving.OnTopicCounters(left.Add);
        staying.OnTopicCounters(stayed.Add);
        await leaving.WatchTopicAsync(tag);
        await staying.WatchTopicAsync(tag);

        await leaving.UnwatchTopicAsync(tag);
        await leaving.UnwatchTopicAsync(tag);
        await _world.CreateNoteAsync(NoteWorld.NewUser("author"), "#" + tag, "");

        await stayed.WaitAsync(c => c.Tag == tag && c.Notes == 1);
        Assert.Empty(left.Items);
    }

    [Theory]
    [MemberData(nameof(BadTags))]
    public async Task AMalformedTagIsRefusedAsInvalidOverTheHubAndRest(string? tag)
    {
        var client = await _world.ConnectAsync(null);

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.WatchTopicAsync(tag!));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.UnwatchTopicAsync(tag!));
        if (!string.IsNullOrEmpty(tag))
        {
            var e = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetTopicAsync(tag));
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (e.StatusCode, e.Code));
        }

        // The connection is still usable.
        Assert.Equal(0, (await client.WatchTopicAsync(NewTag())).Notes);
    }

    [Fact]
    public async Task BadViewsUnknownWindowsAndUnknownTopicsAreRefusedAndChangeNothing()
    {
        var tag = NewTag().ToLowerInvariant();
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"), "#" + tag, "");
        var client = await _world.ConnectAsync(null);
        var counters = new EventLog<TopicCounters>();
        client.OnTopicCounters(counters.Add);
        await client.WatchTopicAsync(tag);

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.RecordViewAsync("not an id!"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.RecordViewAsync(null!));
        foreach (var window in new[] { "7d", "1H", "", "1h,24h" })
        {
            var e = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetTrendingAsync(window));
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (e.StatusCode, e.Code));
        }

        var missing = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetTopicAsync(NewTag()));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), (missing.StatusCode, missing.Code));

        // One good view is the barrier: the topic shows exactly it.
        await client.RecordViewAsync(note.NoteId);
        await counters.WaitAsync(c => c.Views == 1);
        var topic = await _world.Rest.GetTopicAsync(tag);
        Assert.Equal((1, 1), (topic.Notes, topic.Views));
    }
}
