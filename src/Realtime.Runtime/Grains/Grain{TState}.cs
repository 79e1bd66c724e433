using System.Text.Json;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Grains;

/// <summary>
/// A grain with persistent state and an append-only log, written with an optimistic version so
/// that a stale activation can never overwrite newer state.
/// </summary>
/// <typeparam name="TState">The state, serialised as JSON.</typeparam>
public abstract class Grain<TState> : Grain, IStatefulGrain where TState : class, new()
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly List<LogRecord> _appends = [];
    private readonly List<long> _deletes = [];

    /// <summary>The grain's state; mutate it in a turn, then call <see cref="WriteStateAsync"/>.</summary>
    protected TState State { get; private set; } = new();

    /// <summary>True when state was ever written.</summary>
    protected bool StateExists => Version > 0;

    /// <summary>The stored version this activation last read or wrote (0 = never written).</summary>
    protected long Version { get; private set; }

    /// <summary>Queues a log entry; it becomes durable with the next state write.</summary>
    protected void AppendLog(LogRecord record) => _appends.Add(record);

    /// <summary>Queues the deletion of a log entry; durable with the next state write.</summary>
    protected void DeleteLog(long seq) => _deletes.Add(seq);

    /// <summary>
    /// Makes the current state and queued log changes durable. Writes requested by calls that queue
    /// up while a write is in flight are committed together in one transaction; each caller's task
    /// completes after that commit. Call it at most once per turn, as the turn's last step.
    /// </summary>
    protected Task WriteStateAsync() => Activation.RequestCommit();

    /// <summary>Reads the durable log: entries after <paramref name="afterSeq"/>, ascending.</summary>
    protected Task<IReadOnlyList<LogRecord>> ReadLogAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        Activation.Storage.ReadLogAsync(GrainId, afterSeq, limit, cancellationToken);

    /// <summary>Reads the latest durable log entries, ascending.</summary>
    protected Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(int limit, CancellationToken cancellationToken) =>
        Activation.Storage.ReadLogTailAsync(GrainId, limit, cancellationToken);

    /// <summary>Finds a durable log entry by its dedupe key.</summary>
    protected Task<LogRecord?> FindLogAsync(string dedupeKey, CancellationToken cancellationToken) =>
        Activation.Storage.FindLogByDedupeKeyAsync(GrainId, dedupeKey, cancellationToken);

    /// <summary>Called after a commit succeeded, before the callers are acknowledged.</summary>
    protected virtual void OnStateCommitted()
    {
    }

    void IStatefulGrain.Load(StoredState? stored)
    {
        State = stored is null ? new TState() : JsonSerializer.Deserialize<TState>(stored.Json, JsonOptions) ?? new TState();
        Version = stored?.Version ?? 0;
    }

    StateWrite IStatefulGrain.PrepareWrite() =>
        new(GrainId, JsonSerializer.Serialize(State, JsonOptions), Version, [.. _appends], [.. _deletes]);

    void IStatefulGrain.Committed(long version)
    {
        Version = version;
        _appends.Clear();
        _deletes.Clear();
        OnStateCommitted();
    }
}
