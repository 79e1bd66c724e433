using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// Grain storage as one silo sees it, with two faults a test can switch on: an outage of some
/// grains' writes (an inbox that cannot commit), and the silo being killed (SIGKILL: from then on
/// nothing this silo does reaches the database, while its activations and timers linger on).
/// </summary>
public sealed class KillableStorage(IGrainStorage inner) : IGrainStorage
{
    private volatile bool _killed;
    private volatile Func<GrainId, bool>? _refuseWrites;

    /// <summary>Cuts this silo off from the database for good.</summary>
    public void Kill() => _killed = true;

    /// <summary>Writes of the grains that match fail (null ends the outage).</summary>
    public void RefuseWrites(Func<GrainId, bool>? which) => _refuseWrites = which;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<StoredState?> ReadStateAsync(GrainId id, CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        return inner.ReadStateAsync(id, cancellationToken);
    }

    public Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        if (_refuseWrites?.Invoke(write.Id) == true)
        {
            throw new IOException($"simulated outage: {write.Id} cannot be written");
        }

        return inner.WriteStateAsync(write, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(GrainId id, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        return inner.ReadLogAsync(id, afterSeq, limit, cancellationToken);
    }

    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(GrainId id, int limit, CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        return inner.ReadLogTailAsync(id, limit, cancellationToken);
    }

    public Task<LogRecord?> FindLogByDedupeKeyAsync(GrainId id, string dedupeKey, CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        return inner.FindLogByDedupeKeyAsync(id, dedupeKey, cancellationToken);
    }

    private void ThrowIfKilled()
    {
        if (_killed)
        {
            throw new IOException("simulated SIGKILL: this silo is gone");
        }
    }
}
