using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using Realtime.Grains.Common;
using Realtime.Grains.Events;
using Realtime.Storage;

namespace Realtime.Grains.Durability;

/// <summary>
/// Base of the domain's grains: Orleans state (through the configured ADO.NET grain storage, fenced
/// by its ETag) plus an append-only log in <see cref="IRealtimeStore"/>, with group commit and
/// events that leave only after what they announce is durable.
/// </summary>
/// <remarks>
/// The grain is reentrant so that calls arriving while a write is in flight can join the next
/// write (group commit), yet its logic still runs one turn at a time: every call and timer tick
/// runs its body under a gate (<see cref="RunAsync{T}"/>), and waits for its commit after leaving
/// the gate. A refused write (stale ETag) means another activation wrote newer state: this one
/// deactivates and its callers get <see cref="StaleActivationException"/>, which is safe to retry.
/// </remarks>
[Reentrant]
public abstract partial class DurableGrain<TState> : Grain, IEventSourceGrain
    where TState : class, new()
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(2);

    private readonly IPersistentState<DurableState<TState>> _store;
    private readonly DurableGrainServices _services;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RelaySet _relays = new();

    // The state turns change. A write stores a copy taken under the gate, because Orleans' storage
    // serialises after its first await, when later turns may already be changing this one.
    private TState _state = new();
    private List<LogRecord> _appends = [];
    private List<long> _deletes = [];

    // Committed with the state but not yet in the log store: every state write carries them until they are.
    private List<LogRecord> _unappliedAppends = [];
    private List<long> _unappliedDeletes = [];
    private CommitBatch _next = new();
    private Task? _turnCommit;
    private Task _writeLoop = Task.CompletedTask;
    private bool _writing;
    private bool _stale;
    private bool _deactivating;
    private long _prunedAt;

    protected DurableGrain(IPersistentState<DurableState<TState>> store, DurableGrainServices services)
    {
        _store = store;
        _services = services;
    }

    /// <summary>This grain's key.</summary>
    protected string GrainKey => this.GetPrimaryKeyString();

    /// <summary>The grain's state; mutate it in a turn, then call <see cref="Commit"/>.</summary>
    protected TState State => _state;

    /// <summary>True when state was ever written.</summary>
    protected bool StateExists => _store.RecordExists;

    /// <summary>The log's name in the store: the grain type's stable name and the key.</summary>
    protected abstract string LogType { get; }

    private StorageKey LogKey => new(LogType, GrainKey);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = _store.State;
        _state = stored.Value;
        if (stored.Appends.Count > 0 || stored.Deletes.Count > 0)
        {
            // The last write's changes may not have reached the log before the previous activation ended.
            await _services.Store.ApplyLogAsync(LogKey, stored.Appends, stored.Deletes, cancellationToken);
        }

        await OnLoadedAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (!_stale)
            {
                await RunAsync(() => OnDeactivatingAsync(cancellationToken));
            }
        }
        finally
        {
            // A write that fails now is not retried: the activation is ending, and its callers were told.
            _deactivating = true;

            // The activation ends only once nothing of it is still being written.
            await _writeLoop;
        }
    }

    /// <summary>Runs once state is loaded and the log is whole, before the first call.</summary>
    protected virtual Task OnLoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn (e.g. to commit counters kept only in memory).</summary>
    protected virtual Task OnDeactivatingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before a write starts: what the write will make durable (e.g. the last seq).</summary>
    protected virtual object? CaptureCommit() => null;

    /// <summary>Called once the write that <paramref name="captured"/> came from is durable, before its callers are answered.</summary>
    protected virtual void OnCommitted(object? captured)
    {
    }

    /// <summary>The highest committed seq of <paramref name="topic"/>'s items (0 when it has none).</summary>
    protected virtual long CommittedSeq(string topic) => 0;

    /// <summary>The committed items of <paramref name="topic"/> after <paramref name="afterSeq"/> as events, ascending.</summary>
    protected virtual Task<IReadOnlyList<GrainEvent>> ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GrainEvent>>([]);

    /// <summary>
    /// Runs <paramref name="body"/> as a turn: after every earlier turn, before every later one.
    /// When the body asked for a commit, the result is returned once that commit is durable.
    /// </summary>
    protected async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        await _gate.WaitAsync();
        Task? commit;
        T result;
        try
        {
            if (_stale)
            {
                throw new StaleActivationException();
            }

            _turnCommit = null;
            try
            {
                result = await body();
            }
            finally
            {
                commit = _turnCommit;
                _turnCommit = null;
                if (!_writing && !_next.Requested && _next.Events.Count > 0)
                {
                    // Nothing of this turn waits for a write: its events leave now.
                    var events = _next.Events.ToList();
                    _next.Events.Clear();
                    _relays.Send(events);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (commit is not null)
        {
            await commit;
        }

        return result;
    }

    /// <summary>Runs <paramref name="body"/> as a turn (see <see cref="RunAsync{T}"/>).</summary>
    protected Task RunAsync(Func<Task> body) => RunAsync(async () =>
    {
        await body();
        return true;
    });

    /// <summary>Runs <paramref name="body"/> as a turn (see <see cref="RunAsync{T}"/>).</summary>
    protected Task<T> Run<T>(Func<T> body) => RunAsync(() => Task.FromResult(body()));

    /// <summary>Runs <paramref name="body"/> as a turn (see <see cref="RunAsync{T}"/>).</summary>
    protected Task Run(Action body) => RunAsync(() =>
    {
        body();
        return Task.FromResult(true);
    });

    /// <summary>
    /// Asks for the current state and queued log changes to become durable. The turn's caller is
    /// answered after that write; turns that ask while a write is in flight share the next one.
    /// </summary>
    protected void Commit()
    {
        if (_stale)
        {
            // A turn that awaited something while the activation learned it is stale commits nothing.
            throw new StaleActivationException();
        }

        _next.Requested = true;
        _turnCommit = _next.Completion;
        if (!_writing)
        {
            _writing = true;
            _writeLoop = WriteLoopAsync();
        }
    }

    /// <summary>Queues a log entry; durable with the next commit.</summary>
    protected void AppendLog(LogRecord record) => _appends.Add(record);

    /// <summary>Queues the deletion of a log entry; durable with the next commit.</summary>
    protected void DeleteLog(long seq) => _deletes.Add(seq);

    /// <summary>Reads the durable log: entries after <paramref name="afterSeq"/>, ascending.</summary>
    protected Task<IReadOnlyList<LogRecord>> ReadLogAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        _services.Store.ReadLogAsync(LogKey, afterSeq, limit, cancellationToken);

    /// <summary>Reads the latest durable log entries, ascending.</summary>
    protected Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(int limit, CancellationToken cancellationToken) =>
        _services.Store.ReadLogTailAsync(LogKey, limit, cancellationToken);

    /// <summary>Committed entries of <paramref name="window"/> after <paramref name="sinceSeq"/>, from memory or the log (see <see cref="LogWindow{T}.SinceAsync"/>).</summary>
    private protected Task<(IReadOnlyList<T> Items, bool Recovered)> SinceAsync<T>(LogWindow<T> window, long? sinceSeq, CancellationToken cancellationToken)
        where T : class =>
        window.SinceAsync(
            sinceSeq,
            (after, limit) => ReadLogAsync(after, limit, cancellationToken),
            GrainJson.Deserialize<T>);

    /// <summary>Finds a durable log entry by its dedupe key.</summary>
    protected Task<LogRecord?> FindLogAsync(string dedupeKey, CancellationToken cancellationToken) =>
        _services.Store.FindLogByDedupeKeyAsync(LogKey, dedupeKey, cancellationToken);

    /// <summary>
    /// Publishes an event to the silos watching <paramref name="topic"/>. Events leave in publication
    /// order at the end of the turn, and only after the turn's commit (and every earlier one) is durable.
    /// </summary>
    protected void Publish(string topic, string name, object payload) => _next.Events.Add(new GrainEvent(topic, name, payload));

    /// <summary>Publishes events that announce nothing uncommitted (translations) at once.</summary>
    protected void PublishNow(IReadOnlyList<GrainEvent> events) => _relays.Send(events);

    /// <summary>The topics of this grain that some silo subscribed to.</summary>
    private protected IReadOnlyCollection<string> SubscribedTopics() => _relays.Topics();

    /// <summary>Starts a timer whose ticks run as turns; ticks do not keep an idle grain alive.</summary>
    protected IGrainTimer RegisterTick(Func<Task> tick, TimeSpan period) =>
        this.RegisterGrainTimer(
            () => RunAsync(tick),
            new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = false });

    /// <summary>Drops subscriptions of silos that left the cluster or stopped renewing (cheap; call from a tick).</summary>
    protected void PruneRelays()
    {
        var now = Environment.TickCount64;
        if (now - _prunedAt < PruneInterval.TotalMilliseconds)
        {
            return;
        }

        _prunedAt = now;
        var snapshot = _services.Membership.CurrentSnapshot;
        _relays.Prune(silo => snapshot.GetSiloStatus(silo) is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
    }

    Task<long> IEventSourceGrain.SubscribeAsync(string topic, SiloAddress silo, IEventRelay relay, CancellationToken cancellationToken) =>
        Run(() =>
        {
            _relays.Subscribe(topic, silo, relay);
            return CommittedSeq(topic);
        });

    Task IEventSourceGrain.UnsubscribeAsync(string topic, SiloAddress silo, CancellationToken cancellationToken) =>
        Run(() => _relays.Unsubscribe(topic, silo));

    Task<IReadOnlyList<GrainEvent>> IEventSourceGrain.ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken) =>
        RunAsync(() => ReadItemsAsync(topic, afterSeq, cancellationToken));

    private async Task WriteLoopAsync()
    {
        var failedBefore = false;
        while (true)
        {
            if (failedBefore)
            {
                await Task.Delay(RetryDelay);
            }

            CommitBatch batch;
            List<LogRecord> appends;
            List<long> deletes;
            object? captured;
            Task write;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await _gate.WaitAsync();
            try
            {
                if (_stale)
                {
                    // Nothing a stale activation holds was committed: none of it may be announced.
                    _writing = false;
                    _next.Events.Clear();
                    return;
                }

                if (!_next.Requested)
                {
                    // Nothing more to write: events published during the last write leave now.
                    _writing = false;
                    var events = _next.Events.ToList();
                    _next.Events.Clear();
                    _relays.Send(events);
                    return;
                }

                batch = _next;
                _next = new CommitBatch();
                appends = [.. _unappliedAppends, .. _appends];
                deletes = [.. _unappliedDeletes, .. _deletes];
                _appends = [];
                _deletes = [];
                _store.State = new DurableState<TState> { Value = Snapshot(_state), Appends = appends, Deletes = deletes };
                captured = CaptureCommit();
                write = _store.WriteStateAsync();
            }
            finally
            {
                _gate.Release();
            }

            try
            {
                await write;
            }
            catch (InconsistentStateException e)
            {
                _stale = true;
                DurableGrainLog.StaleActivation(_services.Logger, LogKey.ToString(), e);
                var stale = new StaleActivationException();
                batch.Fail(stale);
                if (_next.Requested)
                {
                    _next.Fail(stale);
                }
                _writing = false;
                DeactivateOnIdle();
                return;
            }
            catch (Exception e)
            {
                failedBefore = Retry(batch, appends.Skip(_unappliedAppends.Count).ToList(), deletes.Skip(_unappliedDeletes.Count).ToList(), e);
                if (_deactivating)
                {
                    _writing = false;
                    return;
                }

                continue;
            }

            // Durable now: the state holds the items, and a new activation applies them if this one cannot.
            failedBefore = false;
            _unappliedAppends = appends;
            _unappliedDeletes = deletes;
            DurableGrainMetrics.CommitSeconds.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            OnCommitted(captured);
            // Callers first: a sender learns its line is durable before (most likely) seeing it arrive.
            batch.Complete();
            _relays.Send(batch.Events);
            try
            {
                await _services.Store.ApplyLogAsync(LogKey, appends, deletes);
                _unappliedAppends = [];
                _unappliedDeletes = [];
            }
            catch (Exception e)
            {
                // The next write carries them again; the log store is asked again then.
                DurableGrainLog.WriteFailed(_services.Logger, LogKey.ToString(), e);
            }
        }
    }

    /// <summary>A copy of the state as it is now, for the write to serialise at its leisure.</summary>
    private static TState Snapshot(TState state) =>
        System.Text.Json.JsonSerializer.Deserialize<TState>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, GrainJson.Options), GrainJson.Options)!;

    /// <summary>Fails a batch's callers and queues its changes and events for the next write, which runs after a pause.</summary>
    private bool Retry(CommitBatch batch, List<LogRecord> appends, List<long> deletes, Exception failure)
    {
        DurableGrainLog.WriteFailed(_services.Logger, LogKey.ToString(), failure);
        _appends.InsertRange(0, appends);
        _deletes.InsertRange(0, deletes);
        _next.Events.InsertRange(0, batch.Events);
        _next.Requested = true;
        batch.Fail(new StorageUnavailableException("storage did not take the write; retry", failure));
        return true;
    }
}
