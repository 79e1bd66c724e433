using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.Silo;

/// <summary>
/// Compacts the heap and decommits the GC's spare memory once the silo has gone quiet after a
/// burst. Without it the heap the GC grew while thousands of viewers joined stays committed (and
/// resident) for as long as they stay connected and silent, because nothing allocates enough to
/// trigger the collection that would release it.
/// </summary>
public sealed class IdleHeapTrimmer(IOptions<ConnectionFootprintOptions> options, TimeProvider time, ILogger<IdleHeapTrimmer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrimWhenIdle)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.CheckInterval, time);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var lastTrim = (long?)null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var allocatedSince = allocated - allocatedBefore;
                allocatedBefore = allocated;
                if (allocatedSince >= settings.IdleAllocationBytes)
                {
                    continue;
                }

                if (lastTrim is { } last && time.GetElapsedTime(last) < settings.MinimumTrimInterval)
                {
                    continue;
                }

                var info = GC.GetGCMemoryInfo();
                if (info.TotalCommittedBytes - info.HeapSizeBytes < settings.MinimumSlackBytes)
                {
                    continue;
                }

                Trim(info);
                lastTrim = time.GetTimestamp();
                allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim(GCMemoryInfo before)
    {
        var started = Stopwatch.GetTimestamp();

        // Aggressive is the one collection mode that also decommits the free regions the GC keeps for later.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        FootprintLog.Trimmed(
            logger,
            before.TotalCommittedBytes / (1024 * 1024),
            after.TotalCommittedBytes / (1024 * 1024),
            after.HeapSizeBytes / (1024 * 1024),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
