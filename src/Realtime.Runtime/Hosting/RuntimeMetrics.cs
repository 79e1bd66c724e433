using System.Diagnostics.Metrics;

namespace Realtime.Runtime;

/// <summary>The runtime's instruments (meter <c>Realtime.Runtime</c>).</summary>
public static class RuntimeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Realtime.Runtime";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> ActivationsCreated = Meter.CreateCounter<long>("realtime_grain_activations_total");
    private static readonly UpDownCounter<long> ActivationsLive = Meter.CreateUpDownCounter<long>("realtime_grain_activations");
    private static readonly Histogram<double> CommitSeconds = Meter.CreateHistogram<double>("realtime_grain_commit_seconds");
    private static readonly Counter<long> CommittedTurns = Meter.CreateCounter<long>("realtime_grain_committed_turns_total");

    internal static void ActivationStarted()
    {
        ActivationsCreated.Add(1);
        ActivationsLive.Add(1);
    }

    internal static void ActivationStopped() => ActivationsLive.Add(-1);

    internal static void Committed(int turns, TimeSpan elapsed)
    {
        CommitSeconds.Record(elapsed.TotalSeconds);
        CommittedTurns.Add(turns);
    }
}
