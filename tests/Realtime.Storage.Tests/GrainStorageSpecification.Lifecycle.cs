
namespace Realtime.Storage.Tests;

public abstract partial class GrainStorageSpecification
{
    [Fact]
    public async Task InitializingAgainIsHarmless()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"kept\"", Entries(1, 2)));

        await storage.InitializeAsync();
        await (await CreateTrackedAsync()).InitializeAsync();

        Assert.Equal(new StoredState(Room(), "\"kept\"", 1), await storage.ReadStateAsync(Room()));
        AssertSeqs(await storage.ReadLogAsync(Room(), 0, 10), 1, 2);
    }

    [Fact]
    public async Task StoragesInitializingOneNewDatabaseAtOnceAllSucceed()
    {
        var storages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateTrackedAsync()));

        await Task.WhenAll(storages.Select(storage => Task.Run(() => storage.InitializeAsync())));

        await storages[0].WriteStateAsync(Write(Room(), 0, "\"one\""));
        Assert.Equal(1, (await storages[3].ReadStateAsync(Room()))?.Version);
    }

    [Fact]
    public async Task DataSurvivesReopeningTheDatabase()
    {
        var first = await StartStorageAsync();
        await first.WriteStateAsync(Write(Room(), 0, "\"v1\"", Entries(1, 3)));
        await first.WriteStateAsync(Write(Room(), 1, "\"v2\"", Entries(4, 4), [2]));
        await DisposeAsync(first);

        var reopened = await StartStorageAsync();

        Assert.Equal(new StoredState(Room(), "\"v2\"", 2), await reopened.ReadStateAsync(Room()));
        AssertSeqs(await reopened.ReadLogAsync(Room(), 0, 10), 1, 3, 4);
        Assert.Equal(2, (await reopened.FindLogByDedupeKeyAsync(Room(), "client-2"))?.Seq);
        Assert.Equal(3, await reopened.WriteStateAsync(Write(Room(), 2, "\"v3\"")));
    }

    [Fact]
    public async Task ConcurrentWritesToDifferentGrainsAllLand()
    {
        var storage = await StartStorageAsync();
        var grains = Enumerable.Range(0, 24).Select(i => new StorageKey(i % 2 == 0 ? "room" : "note", $"g{i}")).ToArray();

        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            for (var version = 0L; version < 5; version++)
            {
                await storage.WriteStateAsync(Write(grain, version, $"\"{version + 1}\"", Entries(version * 3 + 1, version * 3 + 3)));
            }
        })));

        foreach (var grain in grains)
        {
            Assert.Equal(new StoredState(grain, "\"5\"", 5), await storage.ReadStateAsync(grain));
            Assert.Equal(Enumerable.Range(1, 15).Select(seq => (long)seq), Seqs(await storage.ReadLogAsync(grain, 0, 100)));
        }
    }

    [Fact]
    public async Task ConcurrentWritersExpectingTheSameVersionLeaveExactlyOneWinner()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"start\""));

        await AssertExactlyOneWinnerAsync(Enumerable.Repeat(storage, 16).ToArray());
    }

    [Fact]
    public async Task WritersOnSeveralStoragesOfOneDatabaseLeaveExactlyOneWinner()
    {
        var storages = new[] { await StartStorageAsync(), await StartStorageAsync(), await StartStorageAsync() };
        await storages[0].WriteStateAsync(Write(Room(), 0, "\"start\""));

        await AssertExactlyOneWinnerAsync(Enumerable.Range(0, 12).Select(i => storages[i % storages.Length]).ToArray());
    }

    /// <summary>Writer i, on writers[i], writes state "i" and entry seq 2 with its own dedupe key, expecting version 1.</summary>
    private static async Task AssertExactlyOneWinnerAsync(IRealtimeStore[] writers)
    {
        var outcomes = await Task.WhenAll(writers.Select((storage, i) => Task.Run(async () =>
        {
            try
            {
                return await storage.WriteStateAsync(Write(Room(), 1, $"\"{i}\"", [new LogRecord(2, $"writer-{i}", $"\"{i}\"")]));
            }
            catch (StorageConflictException)
            {
                return -1L;
            }
        })));

        var winner = Assert.Single(outcomes.Select((version, i) => (version, i)), outcome => outcome.version == 2).i;
        Assert.All(outcomes.Where((_, i) => i != winner), version => Assert.Equal(-1L, version));
        Assert.Equal(new StoredState(Room(), $"\"{winner}\"", 2), await writers[0].ReadStateAsync(Room()));
        Assert.Equal([new LogRecord(2, $"writer-{winner}", $"\"{winner}\"")], await writers[0].ReadLogAsync(Room(), 0, 10));
    }
}
