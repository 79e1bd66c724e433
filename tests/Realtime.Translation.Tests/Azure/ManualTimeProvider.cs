namespace Realtime.Translation.Tests.Azure;

/// <summary>
/// A clock that moves only when told to. A timer fires at once, moving the clock forward by its
/// due time and recording it, so a backoff costs no real time and a test can read what was waited.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> waits = [];
    private DateTimeOffset now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every timer due time asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (gate)
            {
                return [.. waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FiringTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Waited(TimeSpan dueTime)
    {
        lock (gate)
        {
            waits.Add(dueTime);
            now += dueTime;
        }
    }

    private sealed class FiringTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan)
            {
                throw new NotSupportedException("Only one-shot timers are simulated.");
            }

            if (disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return !disposed;
            }

            owner.Waited(dueTime);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (!disposed)
                {
                    callback(state);
                }
            }, null);
            return true;
        }

        public void Dispose() => disposed = true;

        public ValueTask DisposeAsync()
        {
            disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
