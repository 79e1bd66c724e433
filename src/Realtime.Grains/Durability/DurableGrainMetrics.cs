using System.Diagnostics.Metrics;

namespace Realtime.Grains.Durability;

/// <summary>What group commit costs: commit latency.</summary>
internal static class DurableGrainMetrics
{
    private static readonly Meter Meter = new("Realtime.Grains");

    /// <summary>From a write's start to its state being durable (when its callers are answered), in seconds.</summary>
    public static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>("realtime_grain_commit_seconds", "s", "Grain commits: from the start of the state write to its callers' answer.");
}
