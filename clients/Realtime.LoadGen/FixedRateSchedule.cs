using System.Diagnostics;

namespace Realtime.LoadGen;

/// <summary>
/// Runs one of <c>count</c> loops that together send at a steady rate: loop <c>index</c> starts
/// index/count of an interval late, so the target sees an even stream, catches up after a late
/// wake-up, and never waits for answers.
/// </summary>
internal static class FixedRateSchedule
{
    /// <summary>
    /// Calls <paramref name="send"/> with n = 0, 1, 2, ... at <paramref name="rate"/> a second until
    /// <paramref name="stop"/>; returns the calls it started.
    /// </summary>
    public static async Task<PendingCalls> RunAsync(double rate, int index, int count, Func<long, Task?> send, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (long)(interval * index / count);
        var pending = new PendingCalls();
        long n = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = start + (long)(n * interval);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            if (send(n) is { } call)
            {
                pending.Add(call);
            }

            n++;
        }

        return pending;
    }
}
