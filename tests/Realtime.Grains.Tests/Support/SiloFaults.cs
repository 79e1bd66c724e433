namespace Realtime.Grains.Tests.Support;

/// <summary>
/// Faults a test switches on for the storage of a cluster's silos: an outage of one kind of
/// state's writes (inboxes that cannot commit), an outage of the log store's writes (a commit's
/// state is stored, its items are not yet in the log), and the silos being killed (SIGKILL: from
/// then on nothing they do reaches the database, even work their shutdown still runs).
/// </summary>
public sealed class SiloFaults
{
    private readonly Lock _gate = new();
    private volatile bool _killed;
    private volatile bool _logRefused;
    private string? _refusedState;
    private TaskCompletionSource _refused = NewSignal();

    /// <summary>Completes once a write was refused since the outage began.</summary>
    public Task Refused
    {
        get
        {
            lock (_gate)
            {
                return _refused.Task;
            }
        }
    }

    /// <summary>Cuts the silos off from the database for good.</summary>
    public void Kill() => _killed = true;

    /// <summary>Writes of state with this name (e.g. <c>inbox</c>) fail; null ends the outage.</summary>
    public void RefuseWrites(string? stateName)
    {
        lock (_gate)
        {
            _refusedState = stateName;
            _refused = NewSignal();
        }
    }

    /// <summary>While true, the log store takes no write (the grain state still does).</summary>
    public void RefuseLogWrites(bool refused) => _logRefused = refused;

    public void BeforeRead() => ThrowIfKilled();

    public void BeforeLogWrite()
    {
        ThrowIfKilled();
        if (_logRefused)
        {
            throw new IOException("simulated outage: the log store cannot be written");
        }
    }

    public void BeforeWrite(string stateName)
    {
        ThrowIfKilled();
        lock (_gate)
        {
            if (_refusedState != stateName)
            {
                return;
            }

            _refused.TrySetResult();
        }

        throw new IOException($"simulated outage: {stateName} state cannot be written");
    }

    private void ThrowIfKilled()
    {
        if (_killed)
        {
            throw new IOException("simulated SIGKILL: this silo is gone");
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
