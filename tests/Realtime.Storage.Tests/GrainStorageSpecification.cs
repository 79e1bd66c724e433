
namespace Realtime.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IRealtimeStore"/> must have. A database's test class derives from this
/// and only says how to build a storage over a fresh database of its own.
/// </summary>
public abstract partial class GrainStorageSpecification : IAsyncLifetime
{
    private readonly List<IRealtimeStore> _created = [];

    /// <summary>
    /// A new, uninitialised storage over this test's database: empty at the first call, and the same database
    /// at every later call of the same test (to reopen it, or to act as a second silo).
    /// </summary>
    protected abstract Task<IRealtimeStore> CreateStorageAsync();

    /// <summary>Removes this test's database once every storage over it is disposed.</summary>
    protected virtual Task DeleteDatabaseAsync() => Task.CompletedTask;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var storage in _created)
        {
            await DisposeAsync(storage);
        }

        await DeleteDatabaseAsync();
    }

    /// <summary>A storage over this test's database with its schema in place.</summary>
    protected async Task<IRealtimeStore> StartStorageAsync()
    {
        var storage = await CreateTrackedAsync();
        await storage.InitializeAsync();
        return storage;
    }

    /// <summary>A storage over this test's database, disposed when the test ends.</summary>
    protected async Task<IRealtimeStore> CreateTrackedAsync()
    {
        var storage = await CreateStorageAsync();
        _created.Add(storage);
        return storage;
    }

    /// <summary>Disposes a storage early, as a stopping silo would; disposing it again is harmless.</summary>
    protected static async Task DisposeAsync(IRealtimeStore storage)
    {
        switch (storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    protected static StorageKey Room(string key = "r1") => new("room", key);

    protected static LogRecord Entry(long seq, string? dedupeKey = null) => new(seq, dedupeKey, $"{{\"text\":\"message {seq}\"}}");

    protected static LogRecord[] Entries(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => Entry(seq, $"client-{seq}")).ToArray();

    protected static StateWrite Write(
        StorageKey id, long expectedVersion, string json = "{}", IReadOnlyList<LogRecord>? appends = null, IReadOnlyList<long>? deletes = null)
        => new(id, json, expectedVersion, appends ?? [], deletes ?? []);

    protected static long[] Seqs(IEnumerable<LogRecord> records) => records.Select(record => record.Seq).ToArray();

    protected static void AssertSeqs(IEnumerable<LogRecord> records, params long[] expected) => Assert.Equal(expected, Seqs(records));
}
