using Realtime.Contracts.Errors;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// A silo of its own with tiny per-user limits (3 chat lines, 2 Like calls, and a refill so slow
/// that none comes back during a test run).
/// </summary>
public sealed class RateLimitedSiloFixture : IAsyncLifetime
{
    public const int ChatBurst = 3;
    public const int LikeBurst = 2;
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string>
    {
        ["RateLimits__ChatBurst"] = ChatBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits__ChatPerSecond"] = "0.001",
        ["RateLimits__LikeBurst"] = LikeBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits__LikePerSecond"] = "0.001",
        ["RateLimits__ViewBurst"] = "2",
        ["RateLimits__ViewPerSecond"] = "0.001",
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

/// <summary>Per-user rate limits: over the limit is <c>rate_limited:</c> and changes nothing.</summary>
public sealed class RateLimitTests(RateLimitedSiloFixture fixture) : IClassFixture<RateLimitedSiloFixture>, IAsyncLifetime
{
    private readonly SiloClients _clients = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Fact]
    public async Task TheFourthChatLineIsRateLimitedAndTheRoomKeepsExactlyThree()
    {
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatty"));
        for (var i = 1; i <= RateLimitedSiloFixture.ChatBurst; i++)
        {
            Assert.Equal(i, (await chatter.SendChatAsync(roomId, $"m{i}", $"line {i}")).Seq);
        }

        var before = await RoomView.ReadAsync(_clients, roomId);
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => chatter.SendChatAsync(roomId, "m4", "line 4"));
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => chatter.SendChatAsync(roomId, "m5", "line 5"));

        var after = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(before, after);
        Assert.Equal(3, after.LastSeq);
        Assert.Equal(3, after.Messages.Split(" | ").Length);
    }

    [Fact]
    public async Task ARetryOfAnAcknowledgedLineIsADuplicateEvenOverTheLimit()
    {
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("retrier"));
        var acks = new List<Realtime.Contracts.Rooms.ChatAck>();
        for (var i = 1; i <= RateLimitedSiloFixture.ChatBurst; i++)
        {
            acks.Add(await chatter.SendChatAsync(roomId, $"m{i}", $"line {i}"));
        }

        var retry = await chatter.SendChatAsync(roomId, "m2", "line 2");

        Assert.True(retry.Duplicate);
        Assert.Equal(acks[1].Seq, retry.Seq);
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => chatter.SendChatAsync(roomId, "m9", "new line"));
    }

    [Fact]
    public async Task TheLimitIsPerUserAndCoversEveryRoom()
    {
        var first = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var second = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("roamer"));
        var other = await _clients.ConnectAsync(SiloClients.NewId("calm"));
        await chatter.SendChatAsync(first, "a", "one");
        await chatter.SendChatAsync(second, "b", "two");
        await chatter.SendChatAsync(first, "c", "three");

        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => chatter.SendChatAsync(second, "d", "four"));
        var ack = await other.SendChatAsync(second, "e", "my turn");

        Assert.Equal(2, ack.Seq);
        Assert.Equal(2, (await RoomView.ReadAsync(_clients, second)).LastSeq);
        Assert.Equal(2, (await RoomView.ReadAsync(_clients, first)).LastSeq);
    }

    [Fact]
    public async Task TheHostIsExemptFromTheChatLimitInTheirOwnRoom()
    {
        var hostId = SiloClients.NewId("host");
        var roomId = await _clients.CreateRoomAsync(hostId);
        var host = await _clients.ConnectAsync(hostId);

        for (var i = 1; i <= RateLimitedSiloFixture.ChatBurst * 3; i++)
        {
            Assert.Equal(i, (await host.SendChatAsync(roomId, $"h{i}", $"host line {i}")).Seq);
        }

        Assert.Equal(RateLimitedSiloFixture.ChatBurst * 3, (await RoomView.ReadAsync(_clients, roomId)).LastSeq);
    }

    [Fact]
    public async Task TheThirdLikeCallIsRateLimitedAndOnlyTheFirstTwoCallsTapsCount()
    {
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var likes = await LikeTally.WatchAsync(_clients, roomId);
        var fan = await _clients.ConnectAsync(SiloClients.NewId("fan"));
        var barrier = await _clients.ConnectAsync(SiloClients.NewId("barrier"));

        await fan.LikeAsync(roomId, 30);
        await fan.LikeAsync(roomId, 12);
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fan.LikeAsync(roomId, 100));
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fan.LikeAsync(roomId, 1));

        await likes.AssertSettlesAtAsync(barrier, expectedBefore: 42);
        Assert.Equal(43, (await RoomView.ReadAsync(_clients, roomId)).Likes);
    }

    [Fact]
    public async Task ViewsAreLimitedPerReaderSignedInOrNot()
    {
        var author = await _clients.TokenAsync("view-author");
        var note = await _clients.Rest.CreateNoteAsync("Views", "", author);
        var reader = await _clients.ConnectAsync("view-reader");
        var anonymous = await _clients.ConnectAsync(null);

        foreach (var client in new[] { reader, anonymous })
        {
            await client.RecordViewAsync(note.NoteId);
            await client.RecordViewAsync(note.NoteId);
            await HubAssert.FailsWith(ErrorCodes.RateLimited, () => client.RecordViewAsync(note.NoteId));
        }
    }
}
