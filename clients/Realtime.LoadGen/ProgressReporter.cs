using System.Diagnostics;

namespace Realtime.LoadGen;

/// <summary>
/// Writes one progress line a second (to stderr, so <c>--json</c> output stays clean) until
/// disposed, with the silo's CPU use over that second when its pid is known.
/// </summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressReporter(TextWriter log, int? siloPid, Func<string> describe)
    {
        var started = Stopwatch.GetTimestamp();
        _loop = RunAsync(log, siloPid, describe, started, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task RunAsync(TextWriter log, int? siloPid, Func<string> describe, long started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var lastCpu = siloPid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
        var lastAt = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(started, now).TotalSeconds;
                var cpu = siloPid is { } p ? ProcessStats.CpuSeconds(p) : null;
                var silo = cpu - lastCpu is { } used
                    ? $", silo CPU {used * 100 / Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds:0}%"
                    : string.Empty;
                (lastCpu, lastAt) = (cpu, now);
                log.WriteLine($"[{elapsed,5:0}s] {describe()}{silo}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
