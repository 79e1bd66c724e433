using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>A grain timer: each tick is queued as a turn unless the previous tick is still queued.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly GrainTimerCallback _callback;
    private readonly Timer _timer;
    private int _queued;
    private volatile bool _disposed;

    public GrainTimer(GrainActivation activation, GrainTimerCallback callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = new Timer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }

    private void Tick()
    {
        if (_disposed || Interlocked.Exchange(ref _queued, 1) == 1)
        {
            return;
        }

        var item = new DelegateWorkItem(
            _ => _disposed ? Task.CompletedTask : _callback(_activation.Lifetime),
            turn =>
            {
                Volatile.Write(ref _queued, 0);
                if (turn.IsFaulted)
                {
                    _activation.ReportTimerFailure(turn.Exception!.GetBaseException());
                }
            });
        if (!_activation.TryEnqueue(item, countsAsActivity: false))
        {
            Dispose();
        }
    }
}
