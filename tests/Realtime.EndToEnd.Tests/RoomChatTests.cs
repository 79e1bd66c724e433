using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class RoomChatTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly SiloClients _clients = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Fact]
    public async Task JoinReturnsTheRoomsSnapshot()
    {
        var roomId = await _clients.CreateRoomAsync("host1", "Night market");
        var viewer = await _clients.ConnectAsync("viewer1");

        var snapshot = await viewer.JoinRoomAsync(roomId);

        Assert.Equal(roomId, snapshot.RoomId);
        Assert.Equal("Night market", snapshot.Title);
        Assert.Equal("host1", snapshot.HostId);
        Assert.Equal(1, snapshot.Viewers);
        Assert.Equal(0, snapshot.LastSeq);
        Assert.True(snapshot.Recovered);
        Assert.Empty(snapshot.Messages);
        Assert.Null(snapshot.Pinned);
        Assert.Equal(0, snapshot.SlowModeSeconds);
        Assert.False(string.IsNullOrEmpty(snapshot.Epoch));
    }

    [Fact]
    public async Task ChatReachesEveryViewerInSeqOrderAfterItsAck()
    {
        var roomId = await _clients.CreateRoomAsync("host2");
        var sender = await _clients.ConnectAsync("ann", language: "en");
        var watcher = await _clients.ConnectAsync(null);
        var seen = new EventLog<ChatMessage>();
        watcher.OnChat(seen.Add);
        await watcher.JoinRoomAsync(roomId);

        var acks = new List<ChatAck>();
        for (var i = 0; i < 20; i++)
        {
            acks.Add(await sender.SendChatAsync(roomId, $"m{i}", $"hello {i}"));
        }

        var received = await seen.WaitCountAsync(20);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), acks.Select(a => a.Seq));
        Assert.Equal(acks.Select(a => a.Seq), received.Select(m => m.Seq));
        var first = received[0];
        Assert.Equal("hello 0", first.Text);
        Assert.Equal("ann", first.UserId);
        Assert.Equal("ann", first.DisplayName);
        Assert.Equal("en", first.Language);
        Assert.Equal(acks[0].MessageId, first.MessageId);
        Assert.Null(first.ReplyToSeq);
        Assert.Null(first.Translation);
        Assert.Equal(TimeSpan.Zero, first.SentAt.Offset);
    }

    [Fact]
    public async Task ChatTextIsTrimmedAndNormalised()
    {
        var roomId = await _clients.CreateRoomAsync("host3");
        var sender = await _clients.ConnectAsync("bob");
        var seen = new EventLog<ChatMessage>();
        sender.OnChat(seen.Add);
        await sender.JoinRoomAsync(roomId);

        await sender.SendChatAsync(roomId, "n1", "  Cafe\u0301  ");

        var message = await seen.WaitAsync(m => m.Seq == 1);
        Assert.Equal("Caf\u00e9", message.Text);
    }

    [Fact]
    public async Task RetryWithTheSameClientMessageIdNeverCreatesASecondLine()
    {
        var roomId = await _clients.CreateRoomAsync("host4");
        var sender = await _clients.ConnectAsync("cat");

        var first = await sender.SendChatAsync(roomId, "same-id", "once");
        var again = await sender.SendChatAsync(roomId, "same-id", "once");
        var next = await sender.SendChatAsync(roomId, "other-id", "twice");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(first.Seq + 1, next.Seq);
        var snapshot = await sender.JoinRoomAsync(roomId);
        Assert.Equal(["once", "twice"], snapshot.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task ReplyCarriesTheSeqItAnswers()
    {
        var roomId = await _clients.CreateRoomAsync("host5");
        var sender = await _clients.ConnectAsync("dan");
        var question = await sender.SendChatAsync(roomId, "q", "where is this?");

        await sender.SendChatAsync(roomId, "a", "Chengdu", question.Seq);

        var snapshot = await sender.JoinRoomAsync(roomId);
        Assert.Equal(question.Seq, snapshot.Messages[^1].ReplyToSeq);
    }

    [Fact]
    public async Task SnapshotHasTheLatestFiftyAndResumeHasExactlyWhatWasMissed()
    {
        var roomId = await _clients.CreateRoomAsync("host6");
        var sender = await _clients.ConnectAsync("eve");
        for (var i = 1; i <= 60; i++)
        {
            await sender.SendChatAsync(roomId, $"c{i}", $"line {i}");
        }

        var latest = await sender.JoinRoomAsync(roomId);
        var resumed = await (await _clients.ConnectAsync(null)).JoinRoomAsync(roomId, 42);

        Assert.Equal(Enumerable.Range(11, 50).Select(i => (long)i), latest.Messages.Select(m => m.Seq));
        Assert.Equal(60, latest.LastSeq);
        Assert.Equal(Enumerable.Range(43, 18).Select(i => (long)i), resumed.Messages.Select(m => m.Seq));
        Assert.True(resumed.Recovered);
        Assert.Equal(latest.Epoch, resumed.Epoch);
    }

    [Fact]
    public async Task ResumeFromBeyondTheRoomsHistoryIsNotRecovered()
    {
        var roomId = await _clients.CreateRoomAsync("host7");
        var sender = await _clients.ConnectAsync("fay");
        await sender.SendChatAsync(roomId, "x", "only line");

        var snapshot = await sender.JoinRoomAsync(roomId, 500);

        Assert.False(snapshot.Recovered);
        Assert.Equal([1L], snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task ChatNeedsNoJoinAndLikesNeedNoJoin()
    {
        var roomId = await _clients.CreateRoomAsync("host8");
        var outsider = await _clients.ConnectAsync("gus");
        var watcher = await _clients.ConnectAsync(null);
        var counters = new EventLog<RoomCounters>();
        watcher.OnRoomCounters(counters.Add);
        await watcher.JoinRoomAsync(roomId);

        var ack = await outsider.SendChatAsync(roomId, "hi", "drive-by hello");
        await outsider.LikeAsync(roomId, 7);

        Assert.Equal(1, ack.Seq);
        await counters.WaitAsync(c => c.Likes == 7);
    }

    [Fact]
    public async Task LikesAreCountedExactlyAndCountersStayWithinFourASecond()
    {
        var roomId = await _clients.CreateRoomAsync("host9");
        var watcher = await _clients.ConnectAsync(null);
        var counters = new EventLog<RoomCounters>();
        watcher.OnRoomCounters(counters.Add);
        await watcher.JoinRoomAsync(roomId);
        var tappers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _clients.ConnectAsync($"tapper{i}")));

        await Task.WhenAll(tappers.Select(async t =>
        {
            for (var i = 0; i < 10; i++)
            {
                await t.LikeAsync(roomId, 25);
            }
        }));

        var final = await counters.WaitAsync(c => c.Likes == 1000);
        Assert.Equal(roomId, final.RoomId);
        Assert.DoesNotContain(counters.Items, c => c.Likes > 1000);
        var listed = await _clients.Rest.ListRoomsAsync();
        Assert.Contains(listed, r => r.RoomId == roomId);
    }

    [Fact]
    public async Task ViewersCountConnectionsOnceAndDropOnLeaveAndDisconnect()
    {
        var roomId = await _clients.CreateRoomAsync("host10");
        var host = await _clients.ConnectAsync("host10");
        var counters = new EventLog<RoomCounters>();
        host.OnRoomCounters(counters.Add);
        await host.JoinRoomAsync(roomId);
        var a = await _clients.ConnectAsync(null);
        var b = await _clients.ConnectAsync("hank");

        await a.JoinRoomAsync(roomId);
        await a.JoinRoomAsync(roomId);
        var third = await b.JoinRoomAsync(roomId);
        Assert.Equal(3, third.Viewers);
        await counters.WaitAsync(c => c.Viewers == 3);

        await a.LeaveRoomAsync(roomId);
        await counters.WaitAsync(c => c.Viewers == 2);

        await b.DisposeAsync();
        await counters.WaitAsync(c => c.Viewers == 1);
    }

    [Fact]
    public async Task LeavingStopsTheEvents()
    {
        var roomId = await _clients.CreateRoomAsync("host11");
        var sender = await _clients.ConnectAsync("ivy");
        var leaver = await _clients.ConnectAsync(null);
        var stayer = await _clients.ConnectAsync(null);
        var leaverSaw = new EventLog<ChatMessage>();
        var stayerSaw = new EventLog<ChatMessage>();
        leaver.OnChat(leaverSaw.Add);
        stayer.OnChat(stayerSaw.Add);
        await leaver.JoinRoomAsync(roomId);
        await stayer.JoinRoomAsync(roomId);
        await sender.SendChatAsync(roomId, "1", "before");
        await leaverSaw.WaitAsync(m => m.Seq == 1);

        await leaver.LeaveRoomAsync(roomId);
        await sender.SendChatAsync(roomId, "2", "after");
        await stayerSaw.WaitAsync(m => m.Seq == 2);
        // The stayer got seq 2, which the single event loop sent after anything for the leaver.
        await sender.SendChatAsync(roomId, "3", "later");
        await stayerSaw.WaitAsync(m => m.Seq == 3);

        Assert.DoesNotContain(leaverSaw.Items, m => m.Seq > 1);
    }

    [Fact]
    public async Task TheRoomListShowsCreatedRoomsWithTheirHosts()
    {
        var roomId = await _clients.CreateRoomAsync("host12", "Dumpling class");

        var rooms = await _clients.Rest.ListRoomsAsync(1000);

        var room = Assert.Single(rooms, r => r.RoomId == roomId);
        Assert.Equal("Dumpling class", room.Title);
        Assert.Equal("host12", room.HostId);
    }
}
