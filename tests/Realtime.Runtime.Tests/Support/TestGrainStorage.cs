using System.Text.Json;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Tests.Support;

/// <summary>One call of <see cref="IGrainStorage.WriteStateAsync"/> as the storage saw it.</summary>
public sealed record RecordedWrite(int Number, StateWrite Write, long? NewVersion, Exception? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Holds one write (or read) of the storage double: it waits at the gate until the test releases
/// it (or fails it), so a test can see what queues up while a write is in flight.
/// </summary>
public sealed class StorageGate
{
    private readonly TaskCompletionSource<StateWrite> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the write when it reaches the gate.</summary>
    public Task<StateWrite> Started => _started.Task;

    internal Task Decision => _decision.Task;

    public void Release() => _decision.TrySetResult();

    /// <summary>The held write fails with <paramref name="exception"/> and changes nothing.</summary>
    public void Fail(Exception exception) => _decision.TrySetException(exception);

    internal void Reached(StateWrite write) => _started.TrySetResult(write);
}

/// <summary>
/// In-memory <see cref="IGrainStorage"/> with the real contract (version fence, unique seq and
/// dedupe keys) plus test controls: hold a write at a gate, fail it, or have "another silo" write
/// newer state behind the activation's back.
/// </summary>
public sealed class TestGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, StoredState> _states = [];
    private readonly Dictionary<GrainId, SortedDictionary<long, (LogRecord Record, bool Deleted)>> _logs = [];
    private readonly List<RecordedWrite> _writes = [];
    private readonly Queue<Func<StateWrite, Task>> _interceptors = new();
    private readonly Dictionary<GrainId, int> _reads = [];
    private readonly List<StorageGate> _heldGates = [];
    private readonly Queue<StorageGate> _readGates = new();

    public Changes Changes { get; } = new();

    /// <summary>Every write attempt, refused ones included, in the order they finished.</summary>
    public IReadOnlyList<RecordedWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public IReadOnlyList<RecordedWrite> CommittedWrites => [.. Writes.Where(w => w.Succeeded)];

    public int ReadCount(GrainId id)
    {
        lock (_gate)
        {
            return _reads.GetValueOrDefault(id);
        }
    }

    /// <summary>Makes the next write that reaches storage wait until the returned gate is released.</summary>
    public StorageGate HoldNextWrite()
    {
        var gate = new StorageGate();
        lock (_gate)
        {
            _heldGates.Add(gate);
        }

        Intercept(async write =>
        {
            gate.Reached(write);
            await gate.Decision;
        });
        return gate;
    }

    /// <summary>Lets every held write through (a failed test must not leave the grain hanging).</summary>
    public void ReleaseHeldWrites()
    {
        lock (_gate)
        {
            _heldGates.ForEach(g => g.Release());
        }
    }

    /// <summary>The next write fails with <paramref name="exception"/> (a broken disk or connection).</summary>
    public void FailNextWrite(Exception exception) => Intercept(_ => Task.FromException(exception));

    /// <summary>Makes the next state read wait at the returned gate; failing the gate fails the read.</summary>
    public StorageGate HoldNextRead()
    {
        var gate = new StorageGate();
        lock (_gate)
        {
            _heldGates.Add(gate);
            _readGates.Enqueue(gate);
        }

        return gate;
    }

    /// <summary>Just before the next write lands, another silo writes newer state of the same grain.</summary>
    public void WriteBehindTheBackBeforeNextWrite() =>
        Intercept(write =>
        {
            lock (_gate)
            {
                var current = _states.GetValueOrDefault(write.Id);
                ApplyUnchecked(write.Id, current?.Json ?? "{}", []);
            }

            return Task.CompletedTask;
        });

    /// <summary>Another silo writes <paramref name="state"/> (and log entries) at the next version.</summary>
    public long WriteBehindTheBack<TState>(GrainId id, TState state, params LogRecord[] appends)
    {
        lock (_gate)
        {
            return ApplyUnchecked(id, JsonSerializer.Serialize(state, JsonOptions), appends);
        }
    }

    public TState? ReadState<TState>(GrainId id)
    {
        lock (_gate)
        {
            return _states.TryGetValue(id, out var s) ? JsonSerializer.Deserialize<TState>(s.Json, JsonOptions) : default;
        }
    }

    public long VersionOf(GrainId id)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(id)?.Version ?? 0;
        }
    }

    public IReadOnlyList<LogRecord> LogOf(GrainId id)
    {
        lock (_gate)
        {
            return _logs.TryGetValue(id, out var log) ? [.. log.Values.Where(e => !e.Deleted).Select(e => e.Record)] : [];
        }
    }

    public Task WaitForWritesAsync(int count, bool committedOnly = true) =>
        Changes.WaitUntilAsync(
            () => (committedOnly ? CommittedWrites.Count : Writes.Count) >= count,
            $"{count} {(committedOnly ? "committed " : "")}writes reached storage");

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<StoredState?> ReadStateAsync(GrainId id, CancellationToken cancellationToken = default)
    {
        StorageGate? gate;
        lock (_gate)
        {
            _reads[id] = _reads.GetValueOrDefault(id) + 1;
            _readGates.TryDequeue(out gate);
        }

        await Task.Yield();
        if (gate is not null)
        {
            gate.Reached(new StateWrite(id, "", 0, [], []));
            await gate.Decision;
        }

        lock (_gate)
        {
            return _states.GetValueOrDefault(id);
        }
    }

    public async Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        Func<StateWrite, Task>? interceptor;
        lock (_gate)
        {
            _interceptors.TryDequeue(out interceptor);
        }

        // Storage is asynchronous: never complete inline on the caller's stack.
        await Task.Yield();
        try
        {
            if (interceptor is not null)
            {
                await interceptor(write);
            }

            long version;
            lock (_gate)
            {
                version = Apply(write);
                _writes.Add(new RecordedWrite(_writes.Count + 1, write, version, null));
            }

            Changes.Notify();
            return version;
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _writes.Add(new RecordedWrite(_writes.Count + 1, write, null, e));
            }

            Changes.Notify();
            throw;
        }
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(GrainId id, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LogRecord> result = [.. LogOf(id).Where(r => r.Seq > afterSeq).Take(limit)];
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(GrainId id, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LogRecord> result = [.. LogOf(id).TakeLast(limit)];
        return Task.FromResult(result);
    }

    public Task<LogRecord?> FindLogByDedupeKeyAsync(GrainId id, string dedupeKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _logs.TryGetValue(id, out var log)
                ? log.Values.Select(e => e.Record).FirstOrDefault(r => r.DedupeKey == dedupeKey)
                : null;
            return Task.FromResult(found);
        }
    }

    private void Intercept(Func<StateWrite, Task> interceptor)
    {
        lock (_gate)
        {
            _interceptors.Enqueue(interceptor);
        }
    }

    private long Apply(StateWrite write)
    {
        var stored = _states.GetValueOrDefault(write.Id)?.Version ?? 0;
        if (stored != write.ExpectedVersion)
        {
            throw new StorageConflictException(write.Id, write.ExpectedVersion);
        }

        var log = _logs.GetValueOrDefault(write.Id);
        var seqs = new HashSet<long>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var append in write.Appends)
        {
            var reusedSeq = !seqs.Add(append.Seq) || (log?.ContainsKey(append.Seq) ?? false);
            var reusedKey = append.DedupeKey is { } key
                && (!keys.Add(key) || (log?.Values.Any(e => e.Record.DedupeKey == key) ?? false));
            if (reusedSeq || reusedKey)
            {
                throw new StorageConflictException(write.Id, write.ExpectedVersion);
            }
        }

        var version = ApplyUnchecked(write.Id, write.Json, write.Appends);
        foreach (var seq in write.Deletes)
        {
            if (_logs[write.Id].TryGetValue(seq, out var entry))
            {
                _logs[write.Id][seq] = entry with { Deleted = true };
            }
        }

        return version;
    }

    private long ApplyUnchecked(GrainId id, string json, IReadOnlyList<LogRecord> appends)
    {
        var version = (_states.GetValueOrDefault(id)?.Version ?? 0) + 1;
        _states[id] = new StoredState(id, json, version);
        if (!_logs.TryGetValue(id, out var log))
        {
            _logs[id] = log = [];
        }

        foreach (var append in appends)
        {
            log[append.Seq] = (append, false);
        }

        return version;
    }
}
