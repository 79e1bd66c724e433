
namespace Realtime.Storage.Tests;

public abstract partial class GrainStorageSpecification
{
    [Fact]
    public async Task ReadingAGrainNeverWrittenReturnsNull()
    {
        var storage = await StartStorageAsync();

        Assert.Null(await storage.ReadStateAsync(Room()));
    }

    [Fact]
    public async Task FirstWriteCreatesVersionOne()
    {
        var storage = await StartStorageAsync();

        var version = await storage.WriteStateAsync(Write(Room(), 0, """{"likes":1}"""));

        Assert.Equal(1, version);
        Assert.Equal(new StoredState(Room(), """{"likes":1}""", 1), await storage.ReadStateAsync(Room()));
    }

    [Fact]
    public async Task EachWriteAdvancesTheVersionByOne()
    {
        var storage = await StartStorageAsync();

        for (var expected = 0L; expected < 5; expected++)
        {
            Assert.Equal(expected + 1, await storage.WriteStateAsync(Write(Room(), expected, $$"""{"likes":{{expected}}}""")));
        }

        Assert.Equal(new StoredState(Room(), """{"likes":4}""", 5), await storage.ReadStateAsync(Room()));
    }

    [Fact]
    public async Task WriteWithStaleVersionIsRefusedAndChangesNothing()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"v1\"", Entries(1, 2)));
        await storage.WriteStateAsync(Write(Room(), 1, "\"v2\""));

        var refused = await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 1, "\"stale\"", [Entry(3, "client-3")], [1])));

        Assert.Equal(Room(), refused.StorageKey);
        Assert.Equal(1, refused.ExpectedVersion);
        Assert.Equal(new StoredState(Room(), "\"v2\"", 2), await storage.ReadStateAsync(Room()));
        AssertSeqs(await storage.ReadLogAsync(Room(), 0, 10), 1, 2);
        Assert.Null(await storage.FindLogByDedupeKeyAsync(Room(), "client-3"));
    }

    [Fact]
    public async Task FirstWriteToAGrainThatAlreadyExistsIsRefused()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"original\""));

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 0, "\"second creator\"", [Entry(1)])));

        Assert.Equal(new StoredState(Room(), "\"original\"", 1), await storage.ReadStateAsync(Room()));
        Assert.Empty(await storage.ReadLogAsync(Room(), 0, 10));
    }

    [Fact]
    public async Task WriteExpectingAVersionOfAGrainNeverWrittenIsRefused()
    {
        var storage = await StartStorageAsync();

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteStateAsync(Write(Room(), 3, "{}", [Entry(1)])));

        Assert.Null(await storage.ReadStateAsync(Room()));
        Assert.Empty(await storage.ReadLogAsync(Room(), 0, 10));
    }

    [Fact]
    public async Task GrainsAreIsolatedByTypeAndKey()
    {
        var storage = await StartStorageAsync();
        StorageKey[] grains = [new("room", "a"), new("room", "b"), new("note", "a")];

        foreach (var grain in grains)
        {
            // The same seqs and dedupe keys in every grain: uniqueness is per grain.
            await storage.WriteStateAsync(Write(grain, 0, $"\"{grain}\"", Entries(1, 3), [2]));
        }

        foreach (var grain in grains)
        {
            Assert.Equal(new StoredState(grain, $"\"{grain}\"", 1), await storage.ReadStateAsync(grain));
            AssertSeqs(await storage.ReadLogAsync(grain, 0, 10), 1, 3);
            Assert.Equal(2, (await storage.FindLogByDedupeKeyAsync(grain, "client-2"))?.Seq);
        }

        Assert.Null(await storage.ReadStateAsync(new StorageKey("inbox", "a")));
    }

    [Fact]
    public async Task UnicodePayloadsRoundTrip()
    {
        var storage = await StartStorageAsync();
        var grain = new StorageKey("room", "直播间-🎉");
        const string text = "小红书 🔥👩🏽‍🚀 مرحبا e\u0301 \"quoted\" \\ \n new line";
        var json = $"{{\"title\":\"{text}\"}}";

        await storage.WriteStateAsync(Write(grain, 0, json, [new LogRecord(1, "用户:消息-🙂", json)]));

        Assert.Equal(json, (await storage.ReadStateAsync(grain))?.Json);
        Assert.Equal(new LogRecord(1, "用户:消息-🙂", json), Assert.Single(await storage.ReadLogTailAsync(grain, 1)));
        Assert.Equal(json, (await storage.FindLogByDedupeKeyAsync(grain, "用户:消息-🙂"))?.Payload);
    }
}
