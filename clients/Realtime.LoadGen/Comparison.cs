namespace Realtime.LoadGen;

/// <summary>
/// One scenario run against our silo and against the plain-SignalR baseline with the same
/// parameters, one after the other, each on a server the tool started fresh. Ratios are ours over
/// the baseline's: above 1 means ours is higher (better for rates and deliveries per CPU-second,
/// worse for latency, CPU and memory).
/// </summary>
internal sealed record Comparison<T>(
    string Scenario,
    string Order,
    string Headline,
    T Realtime,
    T Baseline,
    SortedDictionary<string, double?> RealtimeOverBaseline);

/// <summary>Builds the ratio table of a <see cref="Comparison{T}"/>.</summary>
internal static class Ratios
{
    public static SortedDictionary<string, double?> HotRoom(HotRoomResult ours, HotRoomResult baseline) => new(StringComparer.Ordinal)
    {
        ["deliveriesPerSecond"] = Of(ours.DeliveriesPerSecond, baseline.DeliveriesPerSecond),
        ["deliveriesPerSiloCpuSecond"] = Of(ours.DeliveriesPerSiloCpuSecond, baseline.DeliveriesPerSiloCpuSecond),
        ["siloCpuSecondsPer1000Deliveries"] = Of(ours.SiloCpuSecondsPer1000Deliveries, baseline.SiloCpuSecondsPer1000Deliveries),
        ["endToEndP50"] = Of(ours.EndToEndLatencyMs.P50, baseline.EndToEndLatencyMs.P50),
        ["endToEndP95"] = Of(ours.EndToEndLatencyMs.P95, baseline.EndToEndLatencyMs.P95),
        ["endToEndP99"] = Of(ours.EndToEndLatencyMs.P99, baseline.EndToEndLatencyMs.P99),
        ["sendAckP50"] = Of(ours.SendAckLatencyMs.P50, baseline.SendAckLatencyMs.P50),
        ["sendAckP99"] = Of(ours.SendAckLatencyMs.P99, baseline.SendAckLatencyMs.P99),
        ["siloRssMiB"] = Of(ours.SiloRssMiB, baseline.SiloRssMiB),
        ["siloPeakRssMiB"] = Of(ours.SiloPeakRssMiB, baseline.SiloPeakRssMiB),
    };

    public static SortedDictionary<string, double?> Idle(IdleResult ours, IdleResult baseline) => new(StringComparer.Ordinal)
    {
        ["kiBPerConnection"] = Of(ours.KiBPerConnection, baseline.KiBPerConnection),
        ["anonKiBPerConnection"] = Of(ours.AnonKiBPerConnection, baseline.AnonKiBPerConnection),
        ["rssEndMiB"] = Of(ours.RssEndMiB, baseline.RssEndMiB),
        ["rssBeforeMiB"] = Of(ours.RssBeforeMiB, baseline.RssBeforeMiB),
        ["siloCpuMsPerConnect"] = Of(ours.SiloCpuMsPerConnect, baseline.SiloCpuMsPerConnect),
        ["siloCpuPercentOfOneCoreHold"] = Of(ours.SiloCpuPercentOfOneCoreHold, baseline.SiloCpuPercentOfOneCoreHold),
        ["connectsPerSecond"] = Of(ours.ConnectsPerSecond, baseline.ConnectsPerSecond),
    };

    /// <summary>ours / baseline to 3 significant places; null when either is missing or the baseline's is 0.</summary>
    public static double? Of(double? ours, double? baseline)
    {
        if (ours is not { } o || baseline is not { } b || b == 0)
        {
            return null;
        }

        var ratio = o / b;
        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(ratio) + double.Epsilon)));
        return Math.Round(ratio, Math.Min(digits, 6));
    }
}
