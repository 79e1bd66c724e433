using System.Net;
using System.Security.Cryptography;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// What a misbehaving client can do over a raw WebSocket: at worst end its own connection. The
/// silo stays healthy and a well-behaved client connected at the same time keeps chatting and
/// receiving events.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ProtocolAbuseTests(SiloFixture fixture) : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';
    private readonly SiloClients _clients = new(fixture.Silo);
    private readonly List<IAsyncDisposable> _owned = [];

    public static TheoryData<string> MalformedFrames => new()
    {
        "{not json" + RecordSeparator,
        "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SendChat\",\"arguments\":[" + RecordSeparator,
        "[1,2,3]" + RecordSeparator,
        "\"just a string\"" + RecordSeparator,
        "{\"type\":\"invocation\"}" + RecordSeparator,
        "{\"type\":1,\"invocationId\":\"1\",\"arguments\":[]}" + RecordSeparator,
    };

    public static TheoryData<string, string> WrongArgumentTypes => new()
    {
        { HubMethods.Like, "[\"{room}\",\"lots\"]" },
        { HubMethods.Like, "[\"{room}\",2.5]" },
        { HubMethods.Like, "[\"{room}\"]" },
        { HubMethods.Like, "[\"{room}\",1,2]" },
        { HubMethods.JoinRoom, "[\"{room}\",\"x\"]" },
        { HubMethods.JoinRoom, "[{\"roomId\":\"{room}\"},null]" },
        { HubMethods.SendChat, "[\"{room}\",\"m1\",{\"text\":\"hi\"},null]" },
        { HubMethods.SendChat, "[\"{room}\",\"m1\",\"hi\",\"first\"]" },
        { HubMethods.SetSlowMode, "[\"{room}\",true]" },
        { HubMethods.DeleteChat, "[\"{room}\",123456789012345678901234567890]" },
        { HubMethods.BanFromRoom, "[\"{room}\",[\"someone\"],5]" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await _clients.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public async Task AMalformedFrameEndsOnlyThatConnection(string frame)
    {
        var bystanders = await BystandersAsync();
        var raw = await RawAsync(bystanders.ChatterId);

        await raw.SendTextAsync(frame);

        await raw.WaitClosedAsync();
        Assert.Equal(bystanders.Before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        await bystanders.AssertCarryOnAsync();
    }

    [Fact]
    public async Task AnUnknownMethodGetsAnErrorCompletion()
    {
        var bystanders = await BystandersAsync();
        var raw = await RawAsync(bystanders.ChatterId);

        var completion = await raw.InvokeAsync("DropAllRooms", bystanders.RoomId);

        Assert.False(string.IsNullOrEmpty(completion.Error));
        Assert.Equal(bystanders.Before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        await bystanders.AssertCarryOnAsync();
    }

    [Theory]
    [MemberData(nameof(WrongArgumentTypes))]
    public async Task AnArgumentOfTheWrongTypeGetsAnErrorCompletionAndChangesNothing(string method, string argumentsTemplate)
    {
        var bystanders = await BystandersAsync();
        // The host may call everything, so a call that slipped through would show.
        var raw = await RawAsync(bystanders.HostId);
        var likes = await LikeTally.WatchAsync(_clients, bystanders.RoomId);
        var before = await RoomView.ReadAsync(_clients, bystanders.RoomId);

        var completion = await raw.InvokeJsonAsync(method, argumentsTemplate.Replace("{room}", bystanders.RoomId, StringComparison.Ordinal));

        Assert.False(string.IsNullOrEmpty(completion.Error));
        Assert.Null(completion.Result);
        Assert.Equal(before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        // The connection stays open (docs/protocol.md): the same socket can go on with a good call.
        var good = await raw.InvokeAsync(HubMethods.SetLanguage, "en");
        Assert.Null(good.Error);
        await likes.AssertSettlesAtAsync(bystanders.Host, expectedBefore: 0);
        await bystanders.AssertCarryOnAsync();
    }

    [Fact]
    public async Task AMessageOverThirtyTwoKilobytesEndsAtMostThatConnection()
    {
        var bystanders = await BystandersAsync();
        var raw = await RawAsync(bystanders.ChatterId);

        var invocation = raw.InvokeAsync(HubMethods.SendChat, bystanders.RoomId, "huge", new string('x', 40_000), null);
        var first = await Task.WhenAny(invocation, raw.Closed).WaitAsync(TimeSpan.FromSeconds(10));

        if (first == invocation && invocation.IsCompletedSuccessfully)
        {
            Assert.False(string.IsNullOrEmpty((await invocation).Error));
        }
        else
        {
            await raw.WaitClosedAsync();
        }

        Assert.Equal(bystanders.Before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        await bystanders.AssertCarryOnAsync();
    }

    [Fact]
    public async Task ATextOverTheLimitButUnderTheFrameSizeIsInvalidAndTheConnectionStaysOpen()
    {
        var bystanders = await BystandersAsync();
        var raw = await RawAsync(bystanders.ChatterId);

        var completion = await raw.InvokeAsync(HubMethods.SendChat, bystanders.RoomId, "long", new string('x', 5_000), null);

        Assert.NotNull(completion.Error);
        Assert.True(new RealtimeHubException(completion.Error).Code == ErrorCodes.Invalid, completion.Error);
        Assert.Equal(bystanders.Before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        var accepted = await raw.InvokeAsync(HubMethods.SendChat, bystanders.RoomId, "long", new string('x', 500), null);
        Assert.Null(accepted.Error);
        Assert.Equal(bystanders.Before.LastSeq + 1, accepted.Result!.Value.GetProperty("seq").GetInt64());
        await bystanders.AssertCarryOnAsync();
    }

    [Fact]
    public async Task EscapedTextIsReadAsSent()
    {
        var bystanders = await BystandersAsync();
        var raw = await RawAsync(bystanders.ChatterId);

        var completion = await raw.InvokeJsonAsync(
            HubMethods.SendChat, $"[\"{bystanders.RoomId}\",\"esc\",\"say \\\"hi\\\"\\tto caf\\u00e9 \\ud83d\\ude00\",null]");

        Assert.Null(completion.Error);
        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(bystanders.RoomId);
        Assert.Equal("say \"hi\"\tto caf\u00e9 \U0001F600", snapshot.Messages[^1].Text);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("forged-subject")]
    [InlineData("other-key")]
    [InlineData("expired")]
    [InlineData("other-issuer")]
    public async Task AnInvalidTokenConnectsAsAnonymousAndItsWritesAreUnauthenticated(string kind)
    {
        var bystanders = await BystandersAsync();
        var userId = SiloClients.NewId("mallory");
        var siloKey = TestTokens.SiloKey(fixture.Silo);
        var token = kind switch
        {
            "garbage" => "not.a.jwt",
            "forged-subject" => TestTokens.WithForgedSubject(await _clients.TokenAsync(userId), bystanders.HostId),
            "other-key" => TestTokens.Create(RandomNumberGenerator.GetBytes(48), bystanders.HostId, DateTimeOffset.UtcNow.AddHours(1)),
            "expired" => TestTokens.Create(siloKey, userId, DateTimeOffset.UtcNow.AddHours(-1)),
            _ => TestTokens.Create(siloKey, bystanders.HostId, DateTimeOffset.UtcNow.AddHours(1), issuer: "someone-else"),
        };
        var likes = await LikeTally.WatchAsync(_clients, bystanders.RoomId);
        var client = await ConnectWithTokenAsync(token);
        var snapshot = await client.JoinRoomAsync(bystanders.RoomId);
        var before = await RoomView.ReadAsync(_clients, bystanders.RoomId);

        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.SendChatAsync(bystanders.RoomId, "x", "it's me"));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.LikeAsync(bystanders.RoomId, 50));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.SetSlowModeAsync(bystanders.RoomId, 300));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.PinChatAsync(bystanders.RoomId, 1));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.DeleteChatAsync(bystanders.RoomId, 1));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => client.BanFromRoomAsync(bystanders.RoomId, bystanders.ChatterId, 60));

        Assert.Equal(bystanders.Before.LastSeq, snapshot.LastSeq);
        Assert.Equal(before, await RoomView.ReadAsync(_clients, bystanders.RoomId));
        await likes.AssertSettlesAtAsync(bystanders.Host, expectedBefore: 0);
        await bystanders.AssertCarryOnAsync();
    }

    [Fact]
    public async Task AHandMadeTokenSignedWithTheSilosKeyIsAcceptedSoTheRefusalsAboveAreAboutTheTokens()
    {
        var bystanders = await BystandersAsync();
        var token = TestTokens.Create(TestTokens.SiloKey(fixture.Silo), bystanders.HostId, DateTimeOffset.UtcNow.AddHours(1));
        var client = await ConnectWithTokenAsync(token);

        await client.SetSlowModeAsync(bystanders.RoomId, 5);
        var ack = await client.SendChatAsync(bystanders.RoomId, "host-made", "hand-made token");

        Assert.Equal(bystanders.Before.LastSeq + 1, ack.Seq);
        Assert.Equal(5, (await RoomView.ReadAsync(_clients, bystanders.RoomId)).SlowModeSeconds);
    }

    private async Task<RawHubSocket> RawAsync(string? userId)
    {
        var raw = await RawHubSocket.ConnectAsync(fixture.Silo, userId is null ? null : await _clients.TokenAsync(userId));
        _owned.Add(raw);
        return raw;
    }

    private async Task<RealtimeClient> ConnectWithTokenAsync(string token)
    {
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(fixture.Silo.BaseUri).HubUri,
            AccessToken = token,
            ReconnectPolicy = null,
        });
        _owned.Add(client);
        await client.ConnectAsync();
        return client;
    }

    /// <summary>A room with a host, a chatter and a watcher, all on well-behaved connections.</summary>
    private async Task<Bystanders> BystandersAsync()
    {
        var hostId = SiloClients.NewId("host");
        var chatterId = SiloClients.NewId("chatter");
        var roomId = await _clients.CreateRoomAsync(hostId);
        var host = await _clients.ConnectAsync(hostId);
        var chatter = await _clients.ConnectAsync(chatterId);
        var watcher = await _clients.ConnectAsync(null);
        var seen = new EventLog<ChatMessage>();
        watcher.OnChat(seen.Add);
        await watcher.JoinRoomAsync(roomId);
        await chatter.SendChatAsync(roomId, "hello", "hello room");
        var before = await RoomView.ReadAsync(_clients, roomId);
        return new Bystanders(_clients, roomId, hostId, host, chatterId, chatter, seen, before);
    }

    private sealed record Bystanders(
        SiloClients Clients,
        string RoomId,
        string HostId,
        RealtimeClient Host,
        string ChatterId,
        RealtimeClient Chatter,
        EventLog<ChatMessage> WatcherSaw,
        RoomView Before)
    {
        /// <summary>The silo is healthy and the well-behaved clients still chat and receive events.</summary>
        public async Task AssertCarryOnAsync()
        {
            using var health = await Clients.Http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("ok", await health.Content.ReadAsStringAsync());
            var ack = await Chatter.SendChatAsync(RoomId, "after-" + Guid.NewGuid().ToString("N")[..8], "still here");
            var seen = await WatcherSaw.WaitAsync(m => m.Seq == ack.Seq);
            Assert.Equal("still here", seen.Text);
            var fresh = await Clients.ConnectAsync(SiloClients.NewId("newcomer"));
            await fresh.SendChatAsync(RoomId, "newcomer", "hi, just arrived");
        }
    }
}
