using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>The host's tools (slow mode, delete, pin, ban) and who may use them, against a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class RoomModerationTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly SiloClients _clients = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Fact]
    public async Task SlowModeIsAnnouncedToViewersAndASecondLineWithinTheWindowIsRefused()
    {
        var (roomId, host) = await HostedRoomAsync();
        var viewer = await _clients.ConnectAsync(null);
        var settings = new EventLog<RoomSettings>();
        viewer.OnRoomSettings(settings.Add);
        await viewer.JoinRoomAsync(roomId);
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatter"));

        await host.SetSlowModeAsync(roomId, 300);
        var announced = await settings.WaitAsync(s => s.SlowModeSeconds == 300);
        var first = await chatter.SendChatAsync(roomId, "first", "first line");
        var before = await RoomView.ReadAsync(_clients, roomId);
        await HubAssert.FailsWith(ErrorCodes.SlowMode, () => chatter.SendChatAsync(roomId, "second", "too soon"));

        Assert.Equal(roomId, announced.RoomId);
        Assert.Equal(1, first.Seq);
        var after = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(before, after);
        Assert.Equal(1, after.LastSeq);
        Assert.Equal(300, after.SlowModeSeconds);
    }

    [Fact]
    public async Task TheHostIsExemptFromSlowMode()
    {
        var (roomId, host) = await HostedRoomAsync();
        await host.SetSlowModeAsync(roomId, 300);

        var acks = new List<ChatAck>();
        for (var i = 0; i < 3; i++)
        {
            acks.Add(await host.SendChatAsync(roomId, $"h{i}", $"host line {i}"));
        }

        Assert.Equal([1L, 2L, 3L], acks.Select(a => a.Seq));
        Assert.Equal(3, (await RoomView.ReadAsync(_clients, roomId)).LastSeq);
    }

    [Fact]
    public async Task SlowModeZeroTurnsItOffForEveryone()
    {
        var (roomId, host) = await HostedRoomAsync();
        var viewer = await _clients.ConnectAsync(null);
        var settings = new EventLog<RoomSettings>();
        viewer.OnRoomSettings(settings.Add);
        await viewer.JoinRoomAsync(roomId);
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatter"));
        await host.SetSlowModeAsync(roomId, 300);
        await chatter.SendChatAsync(roomId, "a", "one");
        await HubAssert.FailsWith(ErrorCodes.SlowMode, () => chatter.SendChatAsync(roomId, "b", "two"));

        await host.SetSlowModeAsync(roomId, 0);
        await settings.WaitAsync(s => s.SlowModeSeconds == 0);
        var second = await chatter.SendChatAsync(roomId, "b", "two");
        var third = await chatter.SendChatAsync(roomId, "c", "three");

        Assert.Equal([300, 0], settings.Items.Select(s => s.SlowModeSeconds));
        Assert.Equal(2, second.Seq);
        Assert.Equal(3, third.Seq);
        var view = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(0, view.SlowModeSeconds);
    }

    [Fact]
    public async Task TheHostDeletesALineViewersAreToldAndItIsGoneFromSnapshotsAndResumes()
    {
        var (roomId, host) = await HostedRoomAsync();
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatter"));
        var viewer = await _clients.ConnectAsync(null);
        var deleted = new EventLog<ChatDeleted>();
        viewer.OnChatDeleted(deleted.Add);
        var joined = await viewer.JoinRoomAsync(roomId);
        for (var i = 1; i <= 3; i++)
        {
            await chatter.SendChatAsync(roomId, $"m{i}", $"line {i}");
        }

        await host.DeleteChatAsync(roomId, 2);

        var told = await deleted.WaitAsync(d => d.Seq == 2);
        Assert.Equal(roomId, told.RoomId);
        var fresh = await (await _clients.ConnectAsync(null)).JoinRoomAsync(roomId);
        Assert.Equal([1L, 3L], fresh.Messages.Select(m => m.Seq));
        Assert.Equal(3, fresh.LastSeq);
        var resumed = await (await _clients.ConnectAsync(null)).JoinRoomAsync(roomId, joined.LastSeq);
        Assert.True(resumed.Recovered);
        Assert.Equal([1L, 3L], resumed.Messages.Select(m => m.Seq));
        var next = await chatter.SendChatAsync(roomId, "m4", "line 4");
        Assert.Equal(4, next.Seq);
    }

    [Fact]
    public async Task AnAuthorMayDeleteTheirOwnLine()
    {
        var (roomId, _) = await HostedRoomAsync();
        var author = await _clients.ConnectAsync(SiloClients.NewId("author"));
        var deleted = new EventLog<ChatDeleted>();
        author.OnChatDeleted(deleted.Add);
        await author.JoinRoomAsync(roomId);
        var ack = await author.SendChatAsync(roomId, "oops", "typo lnie");

        await author.DeleteChatAsync(roomId, ack.Seq);

        await deleted.WaitAsync(d => d.Seq == ack.Seq);
        var view = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(string.Empty, view.Messages);
        Assert.Equal(1, view.LastSeq);
    }

    [Fact]
    public async Task NobodyButTheHostOrTheAuthorMayDeleteALine()
    {
        var (roomId, _) = await HostedRoomAsync();
        var author = await _clients.ConnectAsync(SiloClients.NewId("author"));
        var other = await _clients.ConnectAsync(SiloClients.NewId("other"));
        var ack = await author.SendChatAsync(roomId, "keep", "mine");
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => other.DeleteChatAsync(roomId, ack.Seq));

        var after = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(before, after);
        Assert.Contains($"{ack.Seq}:", after.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingASeqTheRoomDoesNotHaveIsNotFound()
    {
        var (roomId, host) = await HostedRoomAsync();
        await host.SendChatAsync(roomId, "a", "one");
        var gone = await host.SendChatAsync(roomId, "b", "two");
        await host.DeleteChatAsync(roomId, gone.Seq);
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.DeleteChatAsync(roomId, 99));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.DeleteChatAsync(roomId, gone.Seq));

        Assert.Equal(before, await RoomView.ReadAsync(_clients, roomId));
    }

    [Fact]
    public async Task PinningALineSendsItToViewersAndPutsItInTheSnapshot()
    {
        var (roomId, host) = await HostedRoomAsync();
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatter"));
        var viewer = await _clients.ConnectAsync(null);
        var pins = new EventLog<ChatPinned>();
        viewer.OnChatPinned(pins.Add);
        await viewer.JoinRoomAsync(roomId);
        await chatter.SendChatAsync(roomId, "a", "not this one");
        var ack = await chatter.SendChatAsync(roomId, "b", "this one");

        await host.PinChatAsync(roomId, ack.Seq);

        var pinned = await pins.WaitAsync(p => p.Message is not null);
        Assert.Equal(roomId, pinned.RoomId);
        Assert.Equal(ack.Seq, pinned.Message!.Seq);
        Assert.Equal(ack.MessageId, pinned.Message.MessageId);
        Assert.Equal("this one", pinned.Message.Text);
        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(roomId);
        Assert.NotNull(snapshot.Pinned);
        Assert.Equal(ack.Seq, snapshot.Pinned.Seq);
        Assert.Equal("this one", snapshot.Pinned.Text);
        Assert.Equal(pinned.Message.UserId, snapshot.Pinned.UserId);
    }

    [Fact]
    public async Task PinningNullUnpins()
    {
        var (roomId, hostId, host) = await HostedRoomWithIdAsync();
        var viewer = await _clients.ConnectAsync(null);
        var pins = new EventLog<ChatPinned>();
        viewer.OnChatPinned(pins.Add);
        await viewer.JoinRoomAsync(roomId);
        var ack = await host.SendChatAsync(roomId, "a", "welcome!");
        await host.PinChatAsync(roomId, ack.Seq);
        await pins.WaitAsync(p => p.Message is not null);

        await host.PinChatAsync(roomId, null);

        await pins.WaitAsync(p => p.Message is null);
        Assert.Equal([ack.Seq, (long?)null], pins.Items.Select(p => p.Message?.Seq));
        var view = await RoomView.ReadAsync(_clients, roomId);
        Assert.Null(view.PinnedSeq);
        Assert.Equal($"{ack.Seq}:{hostId}:welcome!", view.Messages);
    }

    [Fact]
    public async Task DeletingThePinnedLineUnpinsIt()
    {
        var (roomId, host) = await HostedRoomAsync();
        var viewer = await _clients.ConnectAsync(null);
        var pins = new EventLog<ChatPinned>();
        var deleted = new EventLog<ChatDeleted>();
        viewer.OnChatPinned(pins.Add);
        viewer.OnChatDeleted(deleted.Add);
        await viewer.JoinRoomAsync(roomId);
        var ack = await host.SendChatAsync(roomId, "a", "pin me");
        await host.PinChatAsync(roomId, ack.Seq);
        await pins.WaitAsync(p => p.Message is not null);

        await host.DeleteChatAsync(roomId, ack.Seq);

        await deleted.WaitAsync(d => d.Seq == ack.Seq);
        var unpinned = await pins.WaitAsync(p => p.Message is null);
        Assert.Equal(roomId, unpinned.RoomId);
        var view = await RoomView.ReadAsync(_clients, roomId);
        Assert.Null(view.PinnedSeq);
        Assert.Equal(string.Empty, view.Messages);
    }

    [Fact]
    public async Task PinningASeqTheRoomDoesNotHaveIsNotFound()
    {
        var (roomId, host) = await HostedRoomAsync();
        var ack = await host.SendChatAsync(roomId, "a", "pinned");
        await host.PinChatAsync(roomId, ack.Seq);
        var deleted = await host.SendChatAsync(roomId, "b", "soon gone");
        await host.DeleteChatAsync(roomId, deleted.Seq);
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.PinChatAsync(roomId, 42));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.PinChatAsync(roomId, deleted.Seq));

        var after = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(before, after);
        Assert.Equal(ack.Seq, after.PinnedSeq);
    }

    [Fact]
    public async Task ABannedUserCannotChatButStillJoinsAndWatches()
    {
        var (roomId, host) = await HostedRoomAsync();
        var trollId = SiloClients.NewId("troll");
        var troll = await _clients.ConnectAsync(trollId);
        var seen = new EventLog<ChatMessage>();
        troll.OnChat(seen.Add);
        await troll.SendChatAsync(roomId, "a", "before the ban");

        await host.BanFromRoomAsync(roomId, trollId, 60);
        var before = await RoomView.ReadAsync(_clients, roomId);
        await HubAssert.FailsWith(ErrorCodes.Banned, () => troll.SendChatAsync(roomId, "b", "after the ban"));
        var snapshot = await troll.JoinRoomAsync(roomId);
        var hostLine = await host.SendChatAsync(roomId, "h", "be nice");

        Assert.Equal(before, RoomView.Of(snapshot));
        Assert.Equal(1, snapshot.LastSeq);
        var received = await seen.WaitAsync(m => m.Seq == hostLine.Seq);
        Assert.Equal("be nice", received.Text);
        Assert.Equal(2, hostLine.Seq);
    }

    [Fact]
    public async Task ABanOfZeroMinutesLiftsIt()
    {
        var (roomId, host) = await HostedRoomAsync();
        var userId = SiloClients.NewId("sorry");
        var user = await _clients.ConnectAsync(userId);
        await host.BanFromRoomAsync(roomId, userId, 10080);
        await HubAssert.FailsWith(ErrorCodes.Banned, () => user.SendChatAsync(roomId, "a", "let me talk"));

        await host.BanFromRoomAsync(roomId, userId, 0);
        var ack = await user.SendChatAsync(roomId, "a", "thanks");

        Assert.Equal(1, ack.Seq);
        Assert.False(ack.Duplicate);
        Assert.EndsWith(":thanks", (await RoomView.ReadAsync(_clients, roomId)).Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostCannotBeBannedFromTheirOwnRoom()
    {
        var (roomId, hostId, host) = await HostedRoomWithIdAsync();
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => host.BanFromRoomAsync(roomId, hostId, 60));

        Assert.Equal(before, await RoomView.ReadAsync(_clients, roomId));
        Assert.Equal(1, (await host.SendChatAsync(roomId, "still", "still hosting")).Seq);
    }

    [Fact]
    public async Task HostOnlyCallsFromAnyoneElseAreForbiddenAndChangeNothing()
    {
        var (roomId, _) = await HostedRoomAsync();
        var bystanderId = SiloClients.NewId("bystander");
        var bystander = await _clients.ConnectAsync(bystanderId);
        var pretender = await _clients.ConnectAsync(SiloClients.NewId("pretender"));
        var ack = await bystander.SendChatAsync(roomId, "a", "hello");
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => pretender.SetSlowModeAsync(roomId, 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => pretender.SetSlowModeAsync(roomId, 0));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => pretender.PinChatAsync(roomId, ack.Seq));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => pretender.PinChatAsync(roomId, null));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => pretender.BanFromRoomAsync(roomId, bystanderId, 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => bystander.BanFromRoomAsync(roomId, bystanderId, 60));

        Assert.Equal(before, await RoomView.ReadAsync(_clients, roomId));
        var stillTalking = await bystander.SendChatAsync(roomId, "b", "not banned");
        Assert.Equal(ack.Seq + 1, stillTalking.Seq);
    }

    [Fact]
    public async Task HostOnlyCallsOnARoomThatDoesNotExistAreNotFound()
    {
        var hostId = SiloClients.NewId("host");
        var caller = await _clients.ConnectAsync(hostId);
        var roomId = SiloClients.NewId("nowhere");

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.SetSlowModeAsync(roomId, 10));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.DeleteChatAsync(roomId, 1));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.PinChatAsync(roomId, 1));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.PinChatAsync(roomId, null));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.BanFromRoomAsync(roomId, "someone", 10));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.BanFromRoomAsync(roomId, "someone", 0));

        // None of them brought the room into being.
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => caller.JoinRoomAsync(roomId));
        using var response = await _clients.Http.GetAsync($"/api/rooms/{roomId}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousConnectionsMayWatchButEveryWriteIsUnauthenticated()
    {
        var (roomId, host) = await HostedRoomAsync();
        var ack = await host.SendChatAsync(roomId, "a", "hi all");
        var likes = await LikeTally.WatchAsync(_clients, roomId);
        var anonymous = await _clients.ConnectAsync(null);
        var snapshot = await anonymous.JoinRoomAsync(roomId);
        var before = await RoomView.ReadAsync(_clients, roomId);

        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.SendChatAsync(roomId, "x", "let me in"));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.LikeAsync(roomId, 5));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.SetSlowModeAsync(roomId, 30));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.DeleteChatAsync(roomId, ack.Seq));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.PinChatAsync(roomId, ack.Seq));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.BanFromRoomAsync(roomId, "someone", 5));

        Assert.Equal(ack.Seq, snapshot.LastSeq);
        await likes.AssertSettlesAtAsync(host, expectedBefore: 0);
        var after = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(before with { Likes = 1 }, after);
    }

    private async Task<(string RoomId, RealtimeClient Host)> HostedRoomAsync()
    {
        var (roomId, _, host) = await HostedRoomWithIdAsync();
        return (roomId, host);
    }

    private async Task<(string RoomId, string HostId, RealtimeClient Host)> HostedRoomWithIdAsync()
    {
        var hostId = SiloClients.NewId("host");
        var roomId = await _clients.CreateRoomAsync(hostId);
        return (roomId, hostId, await _clients.ConnectAsync(hostId));
    }
}
