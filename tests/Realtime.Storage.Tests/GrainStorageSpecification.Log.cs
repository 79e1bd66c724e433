
namespace Realtime.Storage.Tests;

public abstract partial class GrainStorageSpecification
{
    [Fact]
    public async Task AppendedEntriesAreReadInSeqOrderAfterAGivenSeqUpToALimit()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, appends: [Entry(3), Entry(1, "client-1"), Entry(2)]));
        await storage.WriteStateAsync(Write(Room(), 1, appends: Entries(4, 10)));

        Assert.Equal(Enumerable.Range(1, 10).Select(seq => (long)seq), Seqs(await storage.ReadLogAsync(Room(), 0, 100)));
        AssertSeqs(await storage.ReadLogAsync(Room(), 4, 3), 5, 6, 7);
        Assert.Empty(await storage.ReadLogAsync(Room(), 10, 100));
        Assert.Empty(await storage.ReadLogAsync(Room(), 0, 0));
        Assert.Equal(Entry(1, "client-1"), (await storage.ReadLogAsync(Room(), 0, 1))[0]);
    }

    [Fact]
    public async Task TailReturnsTheLatestEntriesInAscendingOrder()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, appends: Entries(1, 20)));

        AssertSeqs(await storage.ReadLogTailAsync(Room(), 3), 18, 19, 20);
        Assert.Equal(20, (await storage.ReadLogTailAsync(Room(), 100)).Count);
        Assert.Empty(await storage.ReadLogTailAsync(Room("empty"), 3));
    }

    [Fact]
    public async Task DeletedEntriesAreHiddenFromReadsButStillFoundByDedupeKey()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, appends: Entries(1, 5)));

        await storage.WriteStateAsync(Write(Room(), 1, deletes: [2, 5, 99]));

        AssertSeqs(await storage.ReadLogAsync(Room(), 0, 10), 1, 3, 4);
        AssertSeqs(await storage.ReadLogTailAsync(Room(), 2), 3, 4);
        Assert.Equal(Entry(5, "client-5"), await storage.FindLogByDedupeKeyAsync(Room(), "client-5"));
        Assert.Null(await storage.FindLogByDedupeKeyAsync(Room(), "client-99"));
    }

    [Fact]
    public async Task EntryAppendedAndDeletedInOneWriteIsStoredButHidden()
    {
        var storage = await StartStorageAsync();

        await storage.WriteStateAsync(Write(Room(), 0, appends: Entries(1, 2), deletes: [2]));

        AssertSeqs(await storage.ReadLogAsync(Room(), 0, 10), 1);
        Assert.Equal(2, (await storage.FindLogByDedupeKeyAsync(Room(), "client-2"))?.Seq);
    }

    [Fact]
    public async Task StateAndFiftyAppendsLandTogether()
    {
        var storage = await StartStorageAsync();

        await storage.WriteStateAsync(Write(Room(), 0, "\"batch\"", Entries(1, 50)));

        Assert.Equal(new StoredState(Room(), "\"batch\"", 1), await storage.ReadStateAsync(Room()));
        Assert.Equal(Enumerable.Range(1, 50).Select(seq => (long)seq), Seqs(await storage.ReadLogAsync(Room(), 0, 100)));
    }

    [Fact]
    public async Task DuplicateDedupeKeyIsRefusedAndNothingOfTheWriteLands()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"v1\"", Entries(1, 3)));
        // Forty-nine new entries, then one that repeats an earlier client message id.
        var appends = Entries(4, 52).Append(new LogRecord(53, "client-2", "{}")).ToArray();

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteStateAsync(Write(Room(), 1, "\"v2\"", appends, [1])));

        Assert.Equal(new StoredState(Room(), "\"v1\"", 1), await storage.ReadStateAsync(Room()));
        AssertSeqs(await storage.ReadLogAsync(Room(), 0, 100), 1, 2, 3);
        Assert.Equal(2, (await storage.FindLogByDedupeKeyAsync(Room(), "client-2"))?.Seq);
    }

    [Fact]
    public async Task DedupeKeyOfADeletedEntryIsStillTaken()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, appends: [Entry(1, "client-1")], deletes: [1]));

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 1, appends: [Entry(2, "client-1")])));

        Assert.Equal(1, (await storage.ReadStateAsync(Room()))?.Version);
    }

    [Fact]
    public async Task DuplicateSeqIsRefusedAndNothingOfTheWriteLands()
    {
        var storage = await StartStorageAsync();
        await storage.WriteStateAsync(Write(Room(), 0, "\"v1\"", [Entry(1)]));

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 1, "\"v2\"", [Entry(2), new LogRecord(1, null, "\"again\"")])));

        Assert.Equal(new StoredState(Room(), "\"v1\"", 1), await storage.ReadStateAsync(Room()));
        Assert.Equal([Entry(1)], await storage.ReadLogAsync(Room(), 0, 10));
    }

    [Fact]
    public async Task DuplicateWithinOneWriteIsRefused()
    {
        var storage = await StartStorageAsync();

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 0, appends: [Entry(1, "same"), Entry(2, "same")])));
        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteStateAsync(Write(Room(), 0, appends: [Entry(1), Entry(1)])));

        Assert.Null(await storage.ReadStateAsync(Room()));
        Assert.Empty(await storage.ReadLogAsync(Room(), 0, 10));
    }

    [Fact]
    public async Task EntriesWithoutDedupeKeysNeverCollideOnIt()
    {
        var storage = await StartStorageAsync();

        await storage.WriteStateAsync(Write(Room(), 0, appends: [Entry(1), Entry(2), Entry(3)]));

        Assert.Equal([Entry(1), Entry(2), Entry(3)], await storage.ReadLogAsync(Room(), 0, 10));
    }
}
