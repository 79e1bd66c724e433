using System.Collections.Concurrent;
using Realtime.Storage;

namespace Realtime.Translation.Tests.Service;

/// <summary>
/// Passes every call to the real storage and remembers the writes still in flight, so a test can
/// wait for the translator's fire-and-forget cache writes to land instead of sleeping.
/// </summary>
internal sealed class SettlingGrainStorage(IRealtimeStore inner) : IRealtimeStore
{
    private readonly ConcurrentDictionary<TaskCompletionSource, byte> pending = new();
    private int writes;

    /// <summary>Writes that finished, successfully or not.</summary>
    public int CompletedWrites => Volatile.Read(ref writes);

    /// <summary>Completes when every write started so far has finished.</summary>
    public Task WhenWritesSettledAsync() => Task.WhenAll(pending.Keys.Select(p => p.Task));

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<StoredState?> ReadStateAsync(StorageKey id, CancellationToken cancellationToken = default) => inner.ReadStateAsync(id, cancellationToken);

    public async Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[done] = 0;
        try
        {
            return await inner.WriteStateAsync(write, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref writes);
            pending.TryRemove(done, out _);
            done.SetResult();
        }
    }

    public Task ApplyLogAsync(StorageKey id, IReadOnlyList<LogRecord> appends, IReadOnlyList<long> deletes, CancellationToken cancellationToken = default) =>
        inner.ApplyLogAsync(id, appends, deletes, cancellationToken);

    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(StorageKey id, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadLogAsync(id, afterSeq, limit, cancellationToken);

    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(StorageKey id, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadLogTailAsync(id, limit, cancellationToken);

    public Task<LogRecord?> FindLogByDedupeKeyAsync(StorageKey id, string dedupeKey, CancellationToken cancellationToken = default) =>
        inner.FindLogByDedupeKeyAsync(id, dedupeKey, cancellationToken);
}
