using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Benchmarks.Grains;

/// <summary>
/// Grain storage in memory with the contract's version fence; every call completes synchronously,
/// so a benchmark measures the runtime, not a database.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, StoredState> _states = [];
    private readonly Dictionary<GrainId, List<LogRecord>> _logs = [];

    public long Writes { get; private set; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<StoredState?> ReadStateAsync(GrainId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault(id));
        }
    }

    public Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _states.GetValueOrDefault(write.Id)?.Version ?? 0;
            if (current != write.ExpectedVersion)
            {
                return Task.FromException<long>(new StorageConflictException(write.Id, write.ExpectedVersion));
            }

            var version = current + 1;
            _states[write.Id] = new StoredState(write.Id, write.Json, version);
            if (write.Appends.Count > 0)
            {
                if (!_logs.TryGetValue(write.Id, out var log))
                {
                    _logs[write.Id] = log = [];
                }

                log.AddRange(write.Appends);
            }

            Writes++;
            return Task.FromResult(version);
        }
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(GrainId id, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<LogRecord> records = _logs.TryGetValue(id, out var log) ? [.. log.Where(r => r.Seq > afterSeq).Take(limit)] : [];
            return Task.FromResult(records);
        }
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(GrainId id, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<LogRecord> records = _logs.TryGetValue(id, out var log) ? [.. log.TakeLast(limit)] : [];
            return Task.FromResult(records);
        }
    }

    public Task<LogRecord?> FindLogByDedupeKeyAsync(GrainId id, string dedupeKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_logs.TryGetValue(id, out var log) ? log.FirstOrDefault(r => r.DedupeKey == dedupeKey) : null);
        }
    }
}
