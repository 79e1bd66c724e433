using System.Text.Json;
using System.Threading.Channels;
using Realtime.Client.Tests.Infrastructure;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Tests;

public sealed class RealtimeConnectionTests
{
    [Fact]
    public async Task ConnectSendsTheJsonHandshakeAndTheAccessTokenAndConnectsWhenTheServerAccepts()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options(accessToken: "jwt.token+/="));

        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        Assert.Equal("jwt.token+/=", peer.AccessToken);
        Assert.Equal(RealtimeConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task AnAnonymousConnectionSendsNoAccessToken()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());

        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        Assert.Null(peer.AccessToken);
    }

    [Fact]
    public async Task ConnectFailsWithTheServersErrorWhenTheHandshakeIsRejected()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());

        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptAsync();
        await peer.ReadRecordAsync();
        await peer.SendFramesAsync("{\"error\":\"Requested protocol 'json' is not available.\"}\u001e");

        var failure = await Assert.ThrowsAsync<RealtimeConnectionException>(() => connecting.Bounded());
        Assert.Equal("Requested protocol 'json' is not available.", failure.ServerError);
        Assert.Equal(RealtimeConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task RecordsThatFollowTheHandshakeAnswerInTheSameFrameAreNotLost()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var counters = new TaskCompletionSource<RoomCounters>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RoomCounters>("roomCounters", c => counters.TrySetResult(c));

        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptAsync();
        await peer.ReadRecordAsync();
        await peer.SendFramesAsync("{}\u001e" + ServerPeer.Record(new { type = 1, target = "roomCounters", arguments = new[] { new RoomCounters("r1", 7, 9) } }));
        await connecting.Bounded();

        Assert.Equal(new RoomCounters("r1", 7, 9), await counters.Task.Bounded());
    }

    [Fact]
    public async Task InvokeReturnsTheCompletionsResultEvenWhenTheRecordIsSplitAcrossFramesOrSharesOne()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var first = connection.InvokeAsync<ChatAck>("SendChat", ["r1", "c1", "hello", null]);
        var second = connection.InvokeAsync<ChatAck>("SendChat", ["r1", "c2", "again", 1L]);
        var (firstId, firstArguments) = await peer.ExpectInvocationAsync("SendChat");
        var (secondId, secondArguments) = await peer.ExpectInvocationAsync("SendChat");

        Assert.Equal("""["r1","c1","hello",null]""", firstArguments.GetRawText());
        Assert.Equal("""["r1","c2","again",1]""", secondArguments.GetRawText());
        Assert.NotEqual(firstId, secondId);

        // The first answer arrives cut in three WebSocket messages, the last piece carrying the
        // start of the second answer; the second ends in the fragments of one message.
        var firstRecord = ServerPeer.Record(new { type = 3, invocationId = firstId, result = new ChatAck(41, "m41", false) });
        var secondRecord = ServerPeer.Record(new { type = 3, invocationId = secondId, result = new ChatAck(42, "m42", true) });
        await peer.SendFramesAsync(firstRecord[..5], firstRecord[5..20], firstRecord[20..] + secondRecord[..10]);
        await peer.SendFragmentsAsync(secondRecord[10..15], secondRecord[15..]);

        Assert.Equal(new ChatAck(41, "m41", false), await first.Bounded());
        Assert.Equal(new ChatAck(42, "m42", true), await second.Bounded());
    }

    [Fact]
    public async Task AnInvocationWithoutAResultCompletesWhenTheServerAnswers()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var like = connection.InvokeAsync("Like", ["r1", 3]);
        var (id, arguments) = await peer.ExpectInvocationAsync("Like");
        Assert.Equal("""["r1",3]""", arguments.GetRawText());
        await peer.CompleteEmptyAsync(id);

        await like.Bounded();
    }

    [Theory]
    [InlineData("slow_mode: wait 3 s", "slow_mode", "wait 3 s")]
    [InlineData("invalid: text: too long", "invalid", "text: too long")]
    [InlineData("Method does not exist.", RealtimeHubException.UnknownCode, "Method does not exist.")]
    public async Task ACompletionWithAnErrorSurfacesAsAHubExceptionWithTheCode(string error, string code, string detail)
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var send = connection.InvokeAsync<ChatAck>("SendChat", ["r1", "c1", "hi", null]);
        var (id, _) = await peer.ExpectInvocationAsync("SendChat");
        await peer.FailAsync(id, error);

        var failure = await Assert.ThrowsAsync<RealtimeHubException>(() => send.Bounded());
        Assert.Equal(code, failure.Code);
        Assert.Equal(detail, failure.Detail);
        Assert.Equal(error, failure.Message);
    }

    [Fact]
    public async Task SendWritesAnInvocationWithoutAnId()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await connection.SendAsync("Like", ["r1", 1]).Bounded();

        var (id, arguments) = await peer.ExpectInvocationAsync("Like");
        Assert.Null(id);
        Assert.Equal("""["r1",1]""", arguments.GetRawText());
    }

    [Fact]
    public async Task EventsAreDeliveredInArrivalOrderOneAtATime()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var received = Channel.CreateUnbounded<long>();
        var running = 0;
        var overlapped = false;
        connection.On<RoomCounters>("roomCounters", async counters =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Yield();
            received.Writer.TryWrite(counters.Viewers);
            Interlocked.Decrement(ref running);
        });
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        string Counters(long viewers) => ServerPeer.Record(new { type = 1, target = "roomCounters", arguments = new[] { new RoomCounters("r1", viewers, 0) } });
        await peer.SendFramesAsync(Counters(1) + Counters(2) + Counters(3));
        var fourth = Counters(4);
        await peer.SendFramesAsync(fourth[..7], fourth[7..30], fourth[30..] + Counters(5)[..3], Counters(5)[3..]);
        await peer.SendFragmentsAsync(Counters(6)[..12], Counters(6)[12..] + Counters(7));

        var viewers = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            viewers.Add(await received.Reader.ReadAsync().Bounded());
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], viewers);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task EveryHandlerOfAnEventRunsAndADisposedOneNoLonger()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var first = Channel.CreateUnbounded<long>();
        var second = Channel.CreateUnbounded<long>();
        var firstSubscription = connection.On<ChatDeleted>("chatDeleted", deleted => first.Writer.TryWrite(deleted.Seq));
        connection.On<ChatDeleted>("chatDeleted", deleted =>
        {
            second.Writer.TryWrite(deleted.Seq);
            return Task.CompletedTask;
        });
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await peer.SendEventAsync("chatDeleted", new ChatDeleted("r1", 1));
        Assert.Equal(1, await first.Reader.ReadAsync().Bounded());
        Assert.Equal(1, await second.Reader.ReadAsync().Bounded());

        firstSubscription.Dispose();
        await peer.SendEventAsync("chatDeleted", new ChatDeleted("r1", 2));
        Assert.Equal(2, await second.Reader.ReadAsync().Bounded());
        Assert.False(first.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AHandlerThatThrowsIsReportedAndLaterEventsStillArrive()
    {
        await using var server = await TestHubServer.StartAsync();
        var reported = new TaskCompletionSource<(string, Exception)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = server.Options();
        await using var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = options.HubUri,
            ReconnectPolicy = null,
            HandlerError = (name, exception) => reported.TrySetResult((name, exception)),
        });
        var received = Channel.CreateUnbounded<long>();
        connection.On<ChatDeleted>("chatDeleted", deleted =>
        {
            if (deleted.Seq == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            received.Writer.TryWrite(deleted.Seq);
        });
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await peer.SendEventAsync("chatDeleted", new ChatDeleted("r1", 1));
        await peer.SendEventAsync("chatDeleted", new ChatDeleted("r1", 2));

        Assert.Equal(2, await received.Reader.ReadAsync().Bounded());
        var (name, exception) = await reported.Task.Bounded();
        Assert.Equal("chatDeleted", name);
        Assert.Equal("handler bug", exception.Message);
    }

    [Fact]
    public async Task ConcurrentInvocationsNeverInterleaveTheirFrames()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var text = new string('x', 3000);
        var calls = Enumerable.Range(0, 64)
            .Select(i => Task.Run(() => connection.InvokeAsync<int>("Echo", [i, text])))
            .ToArray();
        for (var i = 0; i < calls.Length; i++)
        {
            var (id, arguments) = await peer.ExpectInvocationAsync("Echo");
            Assert.Equal(text, arguments[1].GetString());
            await peer.CompleteAsync(id, arguments[0].GetInt32());
        }

        var results = await Task.WhenAll(calls).Bounded();
        Assert.Equal(Enumerable.Range(0, 64), results);
    }

    [Fact]
    public async Task TheClientPingsWhileItHasNothingElseToSend()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options(keepAlive: TimeSpan.FromMilliseconds(60)));
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var record = await peer.ReadRecordAsync();

        Assert.Equal("""{"type":6}""", record.GetRawText());
    }

    [Fact]
    public async Task AServerRequestForAClientResultIsAnsweredWithAnError()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await peer.SendRecordAsync(new { type = 1, invocationId = "srv-1", target = "confirm", arguments = Array.Empty<object>() });

        var answer = await peer.ReadMessageAsync();
        Assert.Equal(3, answer.GetProperty("type").GetInt32());
        Assert.Equal("srv-1", answer.GetProperty("invocationId").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task PendingInvocationsFailWhenTheConnectionDrops()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var join = connection.InvokeAsync<RoomSnapshot>("JoinRoom", ["r1", null]);
        var like = connection.InvokeAsync("Like", ["r1", 1]);
        await peer.ExpectInvocationAsync("JoinRoom");
        await peer.ExpectInvocationAsync("Like");
        peer.Drop();

        await Assert.ThrowsAsync<RealtimeConnectionException>(() => join.Bounded());
        await Assert.ThrowsAsync<RealtimeConnectionException>(() => like.Bounded());
        Assert.NotNull(await closed.Task.Bounded());
        Assert.Equal(RealtimeConnectionState.Disconnected, connection.State);
        await Assert.ThrowsAsync<RealtimeConnectionException>(() => connection.InvokeAsync("Like", ["r1", 1]));
    }

    [Fact]
    public async Task AServerCloseWithAnErrorClosesTheConnectionWithThatErrorAndDoesNotReconnect()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options(reconnectPolicy: new ReconnectPolicy([TimeSpan.Zero])));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnecting = false;
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        connection.Reconnecting += _ =>
        {
            reconnecting = true;
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var pending = connection.InvokeAsync<RoomSnapshot>("JoinRoom", ["r1", null]);
        await peer.ExpectInvocationAsync("JoinRoom");
        await peer.SendRecordAsync(new { type = 7, error = "Connection closed with an error.", allowReconnect = false });

        var reason = Assert.IsType<RealtimeConnectionException>(await closed.Task.Bounded());
        Assert.Equal("Connection closed with an error.", reason.ServerError);
        Assert.False(reason.AllowReconnect);
        await Assert.ThrowsAsync<RealtimeConnectionException>(() => pending.Bounded());
        Assert.False(reconnecting);
        Assert.Equal(RealtimeConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task ASilentServerIsTreatedAsDeadAfterTheServerTimeout()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(
            server.Options(keepAlive: TimeSpan.FromMilliseconds(50), serverTimeout: TimeSpan.FromMilliseconds(300)));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        await server.AcceptConnectedAsync();
        await connecting.Bounded();

        Assert.IsType<TimeoutException>(await closed.Task.Bounded());
    }

    [Fact]
    public async Task StopClosesTheWebSocketAndRaisesClosedWithoutAnError()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options(reconnectPolicy: ReconnectPolicy.Default));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await connection.StopAsync().Bounded();

        Assert.Null(await closed.Task.Bounded());
        await peer.Finished.Bounded();
        Assert.Equal(RealtimeConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task ALostConnectionReconnectsAndRaisesReconnectingThenReconnected()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(
            server.Options(accessToken: "t1", reconnectPolicy: new ReconnectPolicy([TimeSpan.Zero], TimeSpan.FromMilliseconds(20))));
        var events = Channel.CreateUnbounded<string>();
        connection.Reconnecting += reason =>
        {
            events.Writer.TryWrite("reconnecting");
            return Task.CompletedTask;
        };
        connection.Reconnected += () =>
        {
            events.Writer.TryWrite("reconnected");
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        var first = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        first.Drop();
        var second = await server.AcceptConnectedAsync();

        Assert.Equal("reconnecting", await events.Reader.ReadAsync().Bounded());
        Assert.Equal("reconnected", await events.Reader.ReadAsync().Bounded());
        Assert.Equal("t1", second.AccessToken);
        var like = connection.InvokeAsync("Like", ["r1", 2]);
        var (id, _) = await second.ExpectInvocationAsync("Like");
        await second.CompleteEmptyAsync(id);
        await like.Bounded();
    }

    [Fact]
    public async Task AnEventWhoseArgumentDoesNotFitTheHandlersTypeIsReportedNotFatal()
    {
        await using var server = await TestHubServer.StartAsync();
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = server.Options().HubUri,
            ReconnectPolicy = null,
            HandlerError = (_, exception) => reported.TrySetResult(exception),
        });
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RoomCounters>("roomCounters", counters => received.TrySetResult(counters.Viewers));
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        await peer.SendEventAsync("roomCounters", "not an object");
        await peer.SendEventAsync("roomCounters", new RoomCounters("r1", 5, 0));

        Assert.IsType<JsonException>(await reported.Task.Bounded());
        Assert.Equal(5, await received.Task.Bounded());
    }
    [Fact]
    public async Task AResultMuchLargerThanTheReceiveBufferArrivesWhole()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(server.Options());
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        var messages = Enumerable.Range(1, 1000)
            .Select(seq => new ChatMessage("r1", seq, $"m{seq}", "u1", "Ann", new string('y', 300), "en", null, DateTimeOffset.UnixEpoch, null))
            .ToArray();
        var join = connection.InvokeAsync<RoomSnapshot>("JoinRoom", ["r1", 0L]);
        var (id, _) = await peer.ExpectInvocationAsync("JoinRoom");
        await peer.CompleteAsync(id, new RoomSnapshot("r1", "T", "h", 1, 0, 1000, "e1", true, messages, null, 0));

        var snapshot = await join.Bounded();
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), snapshot.Messages.Select(m => m.Seq));
        Assert.All(snapshot.Messages, m => Assert.Equal(300, m.Text.Length));
    }

    [Fact]
    public async Task AMessageOverTheSizeLimitDropsTheConnection()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = server.Options().HubUri,
            ReconnectPolicy = null,
            MaxMessageSize = 64 * 1024,
        });
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        var connecting = connection.ConnectAsync();
        var peer = await server.AcceptConnectedAsync();
        await connecting.Bounded();

        // The client drops the connection part-way through, so this send may fail on the server's side.
        var sending = peer.SendEventAsync("roomSettings", new string('z', 100 * 1024));

        Assert.IsType<InvalidDataException>(await closed.Task.Bounded());
        await sending.ContinueWith(static _ => { }, TaskScheduler.Default).Bounded();
    }
}
