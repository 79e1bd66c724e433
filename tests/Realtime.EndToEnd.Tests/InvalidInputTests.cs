using System.Net;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// Every argument of every room method that breaks the contract's rules is refused with
/// <c>invalid:</c>, and the room looks exactly as it did before. Calls go through the raw
/// invocation API where the typed client would refuse the value itself.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class InvalidInputTests(SiloFixture fixture) : IAsyncLifetime
{
    private const string Emoji = "\U0001F600";
    private readonly SiloClients _clients = new(fixture.Silo);

    public static TheoryData<string?> BadIds => new()
    {
        null,
        string.Empty,
        new string('a', 65),
        "a b",
        "\u00fc",
        "room/1",
        "tab\there",
    };

    public static TheoryData<string?> BadChatTexts => new()
    {
        null,
        string.Empty,
        "   ",
        " \t\r\n\u00a0\u3000 ",
        new string('x', 501),
        string.Concat(Enumerable.Repeat(Emoji, 501)),
        string.Concat(Enumerable.Repeat(Emoji, 500)) + "x",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task EveryIdArgumentOfEveryRoomMethodRefusesABadIdAndNothingChanges(string? badId)
    {
        var scene = await SceneAsync();
        var watcher = await _clients.ConnectAsync(null);
        var seen = new EventLog<Contracts.Rooms.ChatMessage>();
        watcher.OnChat(seen.Add);
        await watcher.JoinRoomAsync(scene.RoomId);
        var before = await RoomView.ReadAsync(_clients, scene.RoomId);
        var host = scene.Host.Connection;
        var chatter = scene.Chatter.Connection;

        await ExpectInvalidAsync("JoinRoom roomId", () => chatter.InvokeAsync(HubMethods.JoinRoom, [badId, null]));
        await ExpectInvalidAsync("LeaveRoom roomId", () => watcher.Connection.InvokeAsync(HubMethods.LeaveRoom, [badId]));
        await ExpectInvalidAsync("SendChat roomId", () => chatter.InvokeAsync(HubMethods.SendChat, [badId, "m", "hello", null]));
        await ExpectInvalidAsync("SendChat clientMessageId", () => chatter.InvokeAsync(HubMethods.SendChat, [scene.RoomId, badId, "hello", null]));
        await ExpectInvalidAsync("Like roomId", () => chatter.InvokeAsync(HubMethods.Like, [badId, 1]));
        await ExpectInvalidAsync("SetSlowMode roomId", () => host.InvokeAsync(HubMethods.SetSlowMode, [badId, 30]));
        await ExpectInvalidAsync("DeleteChat roomId", () => host.InvokeAsync(HubMethods.DeleteChat, [badId, 1L]));
        await ExpectInvalidAsync("PinChat roomId", () => host.InvokeAsync(HubMethods.PinChat, [badId, 2L]));
        await ExpectInvalidAsync("PinChat roomId (unpin)", () => host.InvokeAsync(HubMethods.PinChat, [badId, null]));
        await ExpectInvalidAsync("BanFromRoom roomId", () => host.InvokeAsync(HubMethods.BanFromRoom, [badId, scene.ChatterId, 60]));
        await ExpectInvalidAsync("BanFromRoom userId", () => host.InvokeAsync(HubMethods.BanFromRoom, [scene.RoomId, badId, 60]));

        Assert.Equal(before, await RoomView.ReadAsync(_clients, scene.RoomId));
        // The watcher is still in the room and the chatter is not banned.
        var next = await scene.Chatter.SendChatAsync(scene.RoomId, "three", "third line");
        Assert.Equal(3, next.Seq);
        await seen.WaitAsync(m => m.Seq == 3);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task LikeWithABadRoomIdAddsNoTaps(string? badId)
    {
        var scene = await SceneAsync();
        var likes = await LikeTally.WatchAsync(_clients, scene.RoomId);

        await ExpectInvalidAsync("Like roomId", () => scene.Chatter.Connection.InvokeAsync(HubMethods.Like, [badId, 100]));

        await likes.AssertSettlesAtAsync(scene.Chatter, expectedBefore: 0);
    }

    [Theory]
    [MemberData(nameof(BadChatTexts))]
    public async Task ChatTextThatIsEmptyTooLongOrNotWellFormedIsInvalid(string? text)
    {
        var scene = await SceneAsync();

        await ExpectInvalidAsync("SendChat text", () => scene.Chatter.Connection.InvokeAsync(HubMethods.SendChat, [scene.RoomId, "bad-text", text, null]));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        // The refused line did not take its clientMessageId either.
        var ack = await scene.Chatter.SendChatAsync(scene.RoomId, "bad-text", "fine now");
        Assert.False(ack.Duplicate);
        Assert.Equal(3, ack.Seq);
    }

    /// <summary>
    /// Written as JSON escapes on a raw socket: a .NET client cannot put a lone surrogate on the wire
    /// (its JSON writer substitutes U+FFFD), but a browser's <c>JSON.stringify</c> can.
    /// </summary>
    [Theory]
    [InlineData("\\ud800")]
    [InlineData("half a pair \\ud83d")]
    [InlineData("\\ude00 backwards")]
    [InlineData("\\ude00\\ud83d")]
    public async Task ChatTextWithALoneSurrogateIsInvalid(string escapedText)
    {
        var scene = await SceneAsync();
        await using var raw = await RawHubSocket.ConnectAsync(fixture.Silo, await _clients.TokenAsync(scene.ChatterId));

        var completion = await raw.InvokeJsonAsync(HubMethods.SendChat, $"[\"{scene.RoomId}\",\"lone\",\"{escapedText}\",null]");

        Assert.NotNull(completion.Error);
        Assert.True(new RealtimeHubException(completion.Error).Code == ErrorCodes.Invalid, completion.Error);
        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        var ack = await scene.Chatter.SendChatAsync(scene.RoomId, "lone", "well-formed");
        Assert.False(ack.Duplicate);
    }

    [Fact]
    public async Task ExactlyFiveHundredCodePointsAreAcceptedEvenAtAThousandUtf16Units()
    {
        var scene = await SceneAsync();
        var emoji = string.Concat(Enumerable.Repeat(Emoji, 500));
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 500));
        var padded = "  " + new string('y', 500) + "\n ";
        Assert.Equal(1000, emoji.Length);

        var a = await scene.Chatter.SendChatAsync(scene.RoomId, "emoji", emoji);
        var b = await scene.Chatter.SendChatAsync(scene.RoomId, "nfc", decomposed);
        var c = await scene.Chatter.SendChatAsync(scene.RoomId, "padded", padded);

        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(scene.RoomId);
        Assert.Equal([3L, 4L, 5L], new[] { a.Seq, b.Seq, c.Seq });
        Assert.Equal(emoji, snapshot.Messages.Single(m => m.Seq == a.Seq).Text);
        Assert.Equal(new string('\u00e9', 500), snapshot.Messages.Single(m => m.Seq == b.Seq).Text);
        Assert.Equal(new string('y', 500), snapshot.Messages.Single(m => m.Seq == c.Seq).Text);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(3L)]
    [InlineData(long.MaxValue)]
    public async Task ReplyToASeqThatIsNotAMessageOfTheRoomIsInvalid(long replyToSeq)
    {
        var scene = await SceneAsync();

        await ExpectInvalidAsync("SendChat replyToSeq", () => scene.Chatter.SendChatAsync(scene.RoomId, "reply", "answer", replyToSeq));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task LikeCountOutsideOneToAHundredIsInvalidAndAddsNoTaps(int count)
    {
        var scene = await SceneAsync();
        var likes = await LikeTally.WatchAsync(_clients, scene.RoomId);

        await ExpectInvalidAsync("Like count", () => scene.Chatter.LikeAsync(scene.RoomId, count));

        await likes.AssertSettlesAtAsync(scene.Chatter, expectedBefore: 0);
        // One more viewer: the tally's watcher.
        Assert.Equal(scene.Before with { Likes = 1, Viewers = scene.Before.Viewers + 1 }, await RoomView.ReadAsync(_clients, scene.RoomId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    [InlineData(int.MinValue)]
    public async Task SlowModeOutsideZeroToThreeHundredSecondsIsInvalid(int seconds)
    {
        var scene = await SceneAsync();

        await ExpectInvalidAsync("SetSlowMode seconds", () => scene.Host.SetSlowModeAsync(scene.RoomId, seconds));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        Assert.Equal(0, scene.Before.SlowModeSeconds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10081)]
    [InlineData(int.MaxValue)]
    public async Task BanMinutesOutsideZeroToAWeekAreInvalid(int minutes)
    {
        var scene = await SceneAsync();

        await ExpectInvalidAsync("BanFromRoom minutes", () => scene.Host.BanFromRoomAsync(scene.RoomId, scene.ChatterId, minutes));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        var ack = await scene.Chatter.SendChatAsync(scene.RoomId, "still-here", "not banned");
        Assert.Equal(3, ack.Seq);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task DeleteAndPinOfANonPositiveSeqAreInvalid(long seq)
    {
        var scene = await SceneAsync();

        await ExpectInvalidAsync("DeleteChat seq", () => scene.Host.DeleteChatAsync(scene.RoomId, seq));
        await ExpectInvalidAsync("PinChat seq", () => scene.Host.PinChatAsync(scene.RoomId, seq));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task JoinWithANegativeSinceSeqIsInvalidAndIsNotCountedAsAViewer(long sinceSeq)
    {
        var scene = await SceneAsync();
        var joiner = await _clients.ConnectAsync(null);

        await ExpectInvalidAsync("JoinRoom sinceSeq", () => joiner.JoinRoomAsync(scene.RoomId, sinceSeq));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        var joined = await joiner.JoinRoomAsync(scene.RoomId, 0);
        Assert.Equal(scene.Before.Viewers, joined.Viewers);
        Assert.Equal([1L, 2L], joined.Messages.Select(m => m.Seq));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a tag!")]
    [InlineData("e")]
    [InlineData("english-language-tag")]
    [InlineData("zh_Hans!")]
    [InlineData("123")]
    public async Task SetLanguageRejectsAMalformedTagAndKeepsTheLanguageItHad(string? language)
    {
        var scene = await SceneAsync();
        await scene.Chatter.SetLanguageAsync("es");

        await ExpectInvalidAsync("SetLanguage", () => scene.Chatter.Connection.InvokeAsync(HubMethods.SetLanguage, [language]));

        Assert.Equal(scene.Before, await RoomView.ReadAsync(_clients, scene.RoomId));
        var ack = await scene.Chatter.SendChatAsync(scene.RoomId, "lang", "hola");
        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(scene.RoomId);
        Assert.Equal("es", snapshot.Messages.Single(m => m.Seq == ack.Seq).Language);
    }

    [Fact]
    public async Task SetLanguageMatchesTagsCaseInsensitivelyAndUsesTheCanonicalForm()
    {
        var scene = await SceneAsync();

        await scene.Chatter.SetLanguageAsync("ZH-hans");
        var ack = await scene.Chatter.SendChatAsync(scene.RoomId, "zh", "\u4f60\u597d");

        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(scene.RoomId);
        Assert.Equal("zh-Hans", snapshot.Messages.Single(m => m.Seq == ack.Seq).Language);
    }

    [Fact]
    public async Task JoiningARoomThatDoesNotExistIsNotFoundAndCreatesNothing()
    {
        var viewer = await _clients.ConnectAsync(SiloClients.NewId("viewer"));
        var roomId = SiloClients.NewId("missing");

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.JoinRoomAsync(roomId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.JoinRoomAsync(roomId, 5));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.SendChatAsync(roomId, "m", "anyone here?"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.LikeAsync(roomId, 3));

        using var response = await _clients.Http.GetAsync($"/api/rooms/{roomId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(await _clients.Rest.ListRoomsAsync(1000), r => r.RoomId == roomId);
        Assert.DoesNotContain(roomId, viewer.JoinedRooms);
        // The connection is none the worse for it.
        var scene = await SceneAsync();
        var snapshot = await viewer.JoinRoomAsync(scene.RoomId);
        Assert.Equal(2, snapshot.LastSeq);
    }

    private static async Task ExpectInvalidAsync(string what, Func<Task> call)
    {
        try
        {
            await HubAssert.FailsWith(ErrorCodes.Invalid, call);
        }
        catch (Exception e) when (e is not RealtimeHubException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}");
        }
    }

    /// <summary>A room with a host, a chatter, two lines and the second one pinned.</summary>
    private async Task<Scene> SceneAsync()
    {
        var hostId = SiloClients.NewId("host");
        var chatterId = SiloClients.NewId("chatter");
        var roomId = await _clients.CreateRoomAsync(hostId);
        var host = await _clients.ConnectAsync(hostId);
        var chatter = await _clients.ConnectAsync(chatterId);
        await chatter.SendChatAsync(roomId, "one", "first line");
        await chatter.SendChatAsync(roomId, "two", "second line", 1);
        await host.PinChatAsync(roomId, 2);
        var before = await RoomView.ReadAsync(_clients, roomId);
        Assert.Equal(2, before.LastSeq);
        Assert.Equal(2, before.PinnedSeq);
        return new Scene(roomId, host, chatterId, chatter, before);
    }

    private sealed record Scene(string RoomId, RealtimeClient Host, string ChatterId, RealtimeClient Chatter, RoomView Before);
}
