namespace Realtime.Storage;

/// <summary>
/// The grains' append-only logs (chat lines, comments, inbox items: one row per item, seq unique
/// per grain) and shared versioned documents (the translation cache). Grain state itself goes
/// through Orleans' ADO.NET grain storage. Implementations: SQLite (embedded) and PostgreSQL
/// (cluster); both pass the same specification suite.
/// </summary>
public interface IRealtimeStore
{
    /// <summary>Creates or upgrades the schema; safe to call on every start and from several silos.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored state of <paramref name="id"/>, or null when it was never written.</summary>
    Task<StoredState?> ReadStateAsync(StorageKey id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes state, appends and deletes atomically and returns the new version
    /// (<c>ExpectedVersion + 1</c>). Throws <see cref="StorageConflictException"/> when the stored
    /// version differs from the expected one, or when an append reuses a seq or dedupe key; nothing
    /// is written then.
    /// </summary>
    Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies log appends and deletes whose commit point is elsewhere (a grain's state, written
    /// first with its ETag). Idempotent: an append whose seq or dedupe key is already taken is
    /// skipped, a delete of a deleted or unknown seq changes nothing, so applying again after a
    /// crash is safe. Everything is applied in one transaction.
    /// </summary>
    Task ApplyLogAsync(StorageKey id, IReadOnlyList<LogRecord> appends, IReadOnlyList<long> deletes, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> live (not deleted) log entries with seq greater than
    /// <paramref name="afterSeq"/>, in ascending seq.</summary>
    Task<IReadOnlyList<LogRecord>> ReadLogAsync(StorageKey id, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The latest <paramref name="limit"/> live log entries, in ascending seq.</summary>
    Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(StorageKey id, int limit, CancellationToken cancellationToken = default);

    /// <summary>The log entry with this dedupe key (deleted or not), or null.</summary>
    Task<LogRecord?> FindLogByDedupeKeyAsync(StorageKey id, string dedupeKey, CancellationToken cancellationToken = default);
}
