using System.Text.Json;
using System.Threading.Channels;
using Realtime.Client.Tests.Infrastructure;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Tests;

public sealed class RealtimeClientTests
{
    private static readonly ReconnectPolicy Quick = new([TimeSpan.Zero], TimeSpan.FromMilliseconds(20));

    [Fact]
    public async Task TypedCallsSendTheContractsMethodNamesAndArguments()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(accessToken: "t"));
        var peer = await ConnectAsync(server, client);

        await Answer(peer, "SetLanguage", """["zh-Hans"]""", null, client.SetLanguageAsync("zh-Hans"));
        var ack = Answered(peer, "SendChat", """["r1","c1","hi",7]""", new ChatAck(8, "m8", false), client.SendChatAsync("r1", "c1", "hi", 7));
        Assert.Equal(new ChatAck(8, "m8", false), await ack);
        await Answer(peer, "LeaveRoom", """["r1"]""", null, client.LeaveRoomAsync("r1"));
        await Answer(peer, "Like", """["r1",12]""", null, client.LikeAsync("r1", 12));
        await Answer(peer, "SetSlowMode", """["r1",30]""", null, client.SetSlowModeAsync("r1", 30));
        await Answer(peer, "DeleteChat", """["r1",5]""", null, client.DeleteChatAsync("r1", 5));
        await Answer(peer, "PinChat", """["r1",null]""", null, client.PinChatAsync("r1", null));
        await Answer(peer, "BanFromRoom", """["r1","u2",60]""", null, client.BanFromRoomAsync("r1", "u2", 60));
        Assert.Equal("zh-Hans", client.Language);
    }

    [Fact]
    public async Task TypedEventsArriveAsTheirContractRecords()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options());
        var received = Channel.CreateUnbounded<object>();
        client.OnChatTranslated(e => received.Writer.TryWrite(e));
        client.OnRoomCounters(e => received.Writer.TryWrite(e));
        client.OnChatDeleted(e => received.Writer.TryWrite(e));
        client.OnChatPinned(e => received.Writer.TryWrite(e));
        client.OnRoomSettings(e => received.Writer.TryWrite(e));
        client.OnChat(e => received.Writer.TryWrite(e));
        var peer = await ConnectAsync(server, client);

        object[] sent =
        [
            new ChatTranslated("r1", 3, "es", "hola", []),
            new RoomCounters("r1", 10, 200),
            new ChatDeleted("r1", 3),
            new ChatPinned("r1", Message("r1", 2)),
            new ChatPinned("r1", null),
            new RoomSettings("r1", 30),
            Message("r9", 1),
        ];
        string[] names = ["chatTranslated", "roomCounters", "chatDeleted", "chatPinned", "chatPinned", "roomSettings", "chat"];
        for (var i = 0; i < sent.Length; i++)
        {
            await peer.SendEventAsync(names[i], sent[i]);
        }

        foreach (var expected in sent)
        {
            var actual = await received.Reader.ReadAsync().Bounded();
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }
    }

    [Fact]
    public async Task JoinReturnsTheSnapshotAndChatEventsRacingWithItAreDeliveredOnceAfterIt()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options());
        var chat = Channel.CreateUnbounded<long>();
        client.OnChat(message => chat.Writer.TryWrite(message.Seq));
        var peer = await ConnectAsync(server, client);

        var join = client.JoinRoomAsync("r1");
        var (id, arguments) = await peer.ExpectInvocationAsync("JoinRoom");
        Assert.Equal("""["r1",null]""", arguments.GetRawText());
        // The hub added the connection to the room's group before reading the snapshot, so live
        // lines the snapshot holds may come first, and some lines it lacks may too.
        await peer.SendEventAsync("chat", Message("r1", 3));
        await peer.SendEventAsync("chat", Message("r1", 4));
        await peer.CompleteAsync(id, Snapshot("r1", "e1", lastSeq: 3, recovered: true, 1, 2, 3));
        await peer.SendEventAsync("chat", Message("r1", 4));
        await peer.SendEventAsync("chat", Message("r1", 5));

        var snapshot = await join.Bounded();
        Assert.Equal([1L, 2, 3], snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(4, await chat.Reader.ReadAsync().Bounded());
        Assert.Equal(5, await chat.Reader.ReadAsync().Bounded());
        Assert.Equal(5, client.GetLastSeq("r1"));
        Assert.Same(snapshot, client.GetSnapshot("r1"));
        Assert.Equal(["r1"], client.JoinedRooms);
        Assert.False(chat.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AJoinOfAMissingRoomFailsWithNotFoundAndTheRoomIsNotTracked()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options());
        var peer = await ConnectAsync(server, client);

        var join = client.JoinRoomAsync("nope");
        var (id, _) = await peer.ExpectInvocationAsync("JoinRoom");
        await peer.FailAsync(id, "not_found: room nope");

        var failure = await Assert.ThrowsAsync<RealtimeHubException>(() => join.Bounded());
        Assert.Equal("not_found", failure.Code);
        Assert.Empty(client.JoinedRooms);
    }

    [Fact]
    public async Task AfterAReconnectTheClientResendsItsLanguageRejoinsFromTheLastDeliveredSeqAndFillsTheGapExactlyOnce()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(accessToken: "t", reconnectPolicy: Quick));
        var chat = Channel.CreateUnbounded<ChatMessage>();
        client.OnChat(message => chat.Writer.TryWrite(message));
        var lifecycle = Channel.CreateUnbounded<string>();
        client.Reconnecting += _ => Note(lifecycle, "reconnecting");
        client.Reconnected += () => Note(lifecycle, "reconnected");
        var first = await ConnectAsync(server, client);

        await Answer(first, "SetLanguage", """["es"]""", null, client.SetLanguageAsync("es"));
        var join = Answered(first, "JoinRoom", """["r1",null]""", Snapshot("r1", "e1", 3, true, 1, 2, 3), client.JoinRoomAsync("r1"));
        await join;
        var join2 = Answered(first, "JoinRoom", """["r2",null]""", Snapshot("r2", "e7", 0, true), client.JoinRoomAsync("r2"));
        await join2;
        await first.SendEventAsync("chat", Message("r1", 4));
        await first.SendEventAsync("chat", Message("r1", 5));
        await first.SendEventAsync("chat", Message("r2", 1));
        Assert.Equal(("r1", 4L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.Equal(("r1", 5L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.Equal(("r2", 1L), Key(await chat.Reader.ReadAsync().Bounded()));

        first.Drop();
        var second = await server.AcceptConnectedAsync();
        Assert.Equal("t", second.AccessToken);
        Assert.Equal("reconnecting", await lifecycle.Reader.ReadAsync().Bounded());

        var (languageId, language) = await second.ExpectInvocationAsync("SetLanguage");
        Assert.Equal("""["es"]""", language.GetRawText());
        await second.CompleteEmptyAsync(languageId);
        var rejoins = new Dictionary<string, (string? Id, string Arguments)>();
        for (var i = 0; i < 2; i++)
        {
            var (rejoinId, rejoin) = await second.ExpectInvocationAsync("JoinRoom");
            rejoins[rejoin[0].GetString()!] = (rejoinId, rejoin.GetRawText());
        }

        Assert.Equal("""["r1",5]""", rejoins["r1"].Arguments);
        Assert.Equal("""["r2",1]""", rejoins["r2"].Arguments);

        // A live line the resume snapshot also holds arrives before the snapshot, then again after it.
        await second.SendEventAsync("chat", Message("r1", 7));
        await second.CompleteAsync(rejoins["r1"].Id, Snapshot("r1", "e1", 7, true, 4, 5, 6, 7));
        await second.CompleteAsync(rejoins["r2"].Id, Snapshot("r2", "e7", 1, true, 1));
        await second.SendEventAsync("chat", Message("r1", 7));
        await second.SendEventAsync("chat", Message("r1", 8));
        await second.SendEventAsync("chat", Message("r2", 2));

        Assert.Equal(("r1", 6L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.Equal(("r1", 7L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.Equal("reconnected", await lifecycle.Reader.ReadAsync().Bounded());
        Assert.Equal(("r1", 8L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.Equal(("r2", 2L), Key(await chat.Reader.ReadAsync().Bounded()));
        Assert.False(chat.Reader.TryRead(out _));
        Assert.Equal(8, client.GetLastSeq("r1"));
        Assert.Equal(7, client.GetSnapshot("r1")!.LastSeq);
    }

    [Fact]
    public async Task AResumeWithAChangedEpochRaisesRoomHistoryResetInsteadOfReplayingTheSnapshot()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(reconnectPolicy: Quick));
        var chat = Channel.CreateUnbounded<long>();
        client.OnChat(message => chat.Writer.TryWrite(message.Seq));
        var reset = new TaskCompletionSource<RoomSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RoomHistoryReset += snapshot =>
        {
            reset.TrySetResult(snapshot);
            return Task.CompletedTask;
        };
        var first = await ConnectAsync(server, client);
        await Answered(first, "JoinRoom", """["r1",null]""", Snapshot("r1", "e1", 9, true, 8, 9), client.JoinRoomAsync("r1"));

        // The hub asks the client to come back (a silo shutting down).
        await first.SendRecordAsync(new { type = 7, allowReconnect = true });
        var second = await server.AcceptConnectedAsync();
        var (id, arguments) = await second.ExpectInvocationAsync("JoinRoom");
        Assert.Equal("""["r1",9]""", arguments.GetRawText());
        await second.CompleteAsync(id, Snapshot("r1", "e2", 2, true, 1, 2));
        await second.SendEventAsync("chat", Message("r1", 3));

        var snapshot = await reset.Task.Bounded();
        Assert.Equal("e2", snapshot.Epoch);
        Assert.Equal(3, await chat.Reader.ReadAsync().Bounded());
        Assert.False(chat.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AResumeThatIsNotRecoveredRaisesRoomHistoryReset()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(reconnectPolicy: Quick));
        var reset = new TaskCompletionSource<RoomSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RoomHistoryReset += snapshot =>
        {
            reset.TrySetResult(snapshot);
            return Task.CompletedTask;
        };
        var first = await ConnectAsync(server, client);
        await Answered(first, "JoinRoom", """["r1",null]""", Snapshot("r1", "e1", 1, true, 1), client.JoinRoomAsync("r1"));

        first.Drop();
        var second = await server.AcceptConnectedAsync();
        var (id, _) = await second.ExpectInvocationAsync("JoinRoom");
        await second.CompleteAsync(id, Snapshot("r1", "e1", 5000, false, 4001, 4002));

        Assert.False((await reset.Task.Bounded()).Recovered);
        Assert.Equal(5000, client.GetLastSeq("r1"));
    }

    [Fact]
    public async Task ARoomTheHubRefusesToRejoinIsReportedAndForgotten()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(reconnectPolicy: Quick));
        var failed = new TaskCompletionSource<(string, Exception)>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RoomRejoinFailed += (roomId, exception) =>
        {
            failed.TrySetResult((roomId, exception));
            return Task.CompletedTask;
        };
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += () =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        var first = await ConnectAsync(server, client);
        await Answered(first, "JoinRoom", """["r1",null]""", Snapshot("r1", "e1", 0, true), client.JoinRoomAsync("r1"));

        first.Drop();
        var second = await server.AcceptConnectedAsync();
        var (id, _) = await second.ExpectInvocationAsync("JoinRoom");
        await second.FailAsync(id, "not_found: room r1");

        var (roomId, exception) = await failed.Task.Bounded();
        Assert.Equal("r1", roomId);
        Assert.Equal("not_found", Assert.IsType<RealtimeHubException>(exception).Code);
        await reconnected.Task.Bounded();
        Assert.Empty(client.JoinedRooms);
    }

    [Fact]
    public async Task ALeftRoomIsNotRejoinedAfterAReconnect()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new RealtimeClient(server.Options(reconnectPolicy: Quick));
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += () =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        var first = await ConnectAsync(server, client);
        await Answered(first, "JoinRoom", """["r1",null]""", Snapshot("r1", "e1", 0, true), client.JoinRoomAsync("r1"));
        await Answer(first, "LeaveRoom", """["r1"]""", null, client.LeaveRoomAsync("r1"));

        first.Drop();
        var second = await server.AcceptConnectedAsync();
        await reconnected.Task.Bounded();

        var like = client.LikeAsync("r1", 1);
        var (id, _) = await second.ExpectInvocationAsync("Like");
        await second.CompleteEmptyAsync(id);
        await like.Bounded();
    }

    private static async Task<ServerPeer> ConnectAsync(TestHubServer server, RealtimeClient client)
    {
        var connecting = client.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();
        return peer;
    }

    private static async Task Answer(ServerPeer peer, string method, string arguments, object? result, Task call)
    {
        var (id, actual) = await peer.ExpectInvocationAsync(method);
        Assert.Equal(arguments, actual.GetRawText());
        await peer.CompleteAsync(id, result);
        await call.Bounded();
    }

    private static async Task<T> Answered<T>(ServerPeer peer, string method, string arguments, object result, Task<T> call)
    {
        var (id, actual) = await peer.ExpectInvocationAsync(method);
        Assert.Equal(arguments, actual.GetRawText());
        await peer.CompleteAsync(id, result);
        return await call.Bounded();
    }

    private static Task Note(Channel<string> channel, string what)
    {
        channel.Writer.TryWrite(what);
        return Task.CompletedTask;
    }

    private static (string, long) Key(ChatMessage message) => (message.RoomId, message.Seq);

    private static ChatMessage Message(string roomId, long seq)
        => new(roomId, seq, $"m{seq}", "u1", "Ann", $"line {seq}", "en", null, DateTimeOffset.UnixEpoch.AddSeconds(seq), null);

    private static RoomSnapshot Snapshot(string roomId, string epoch, long lastSeq, bool recovered, params long[] seqs)
        => new(roomId, "Title", "host", 1, 0, lastSeq, epoch, recovered, [.. seqs.Select(seq => Message(roomId, seq))], null, 0);
}
