using Realtime.Storage;

namespace Realtime.Grains.Tests.Support;

/// <summary>The silos' log store (SQLite on the test's file) behind the test's <see cref="SiloFaults"/>.</summary>
public sealed class FaultyLogStore(IRealtimeStore inner, SiloFaults faults) : IRealtimeStore
{
    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<StoredState?> ReadStateAsync(StorageKey id, CancellationToken cancellationToken = default)
    {
        faults.BeforeRead();
        return inner.ReadStateAsync(id, cancellationToken);
    }

    public Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        faults.BeforeLogWrite();
        return inner.WriteStateAsync(write, cancellationToken);
    }

    public Task ApplyLogAsync(StorageKey id, IReadOnlyList<LogRecord> appends, IReadOnlyList<long> deletes, CancellationToken cancellationToken = default)
    {
        faults.BeforeLogWrite();
        return inner.ApplyLogAsync(id, appends, deletes, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(StorageKey id, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        faults.BeforeRead();
        return inner.ReadLogAsync(id, afterSeq, limit, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(StorageKey id, int limit, CancellationToken cancellationToken = default)
    {
        faults.BeforeRead();
        return inner.ReadLogTailAsync(id, limit, cancellationToken);
    }

    public Task<LogRecord?> FindLogByDedupeKeyAsync(StorageKey id, string dedupeKey, CancellationToken cancellationToken = default)
    {
        faults.BeforeRead();
        return inner.FindLogByDedupeKeyAsync(id, dedupeKey, cancellationToken);
    }
}
