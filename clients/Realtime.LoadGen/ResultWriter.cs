using System.Globalization;
using System.Text.Json;

namespace Realtime.LoadGen;

/// <summary>Prints results: a readable table, or one JSON object with <c>--json</c>.</summary>
internal static class ResultWriter
{
    public static void Write(HotRoomResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.HotRoomResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("viewers (joined)", $"{r.Viewers} ({r.ViewersJoined})"),
            ("senders", N(r.Senders)),
            ("rate asked / sent, lines/s", $"{N(r.Rate)} / {N(r.SendRate)}"),
            ("measured for, s", N(r.MeasuredSeconds)),
            ("deliveries/s (expected)", $"{N(r.DeliveriesPerSecond)} ({N(r.ExpectedDeliveriesPerSecond)})"),
            ("end-to-end ms p50 / p95 / p99 / max", Latency(r.EndToEndLatencyMs)),
            ("send ack ms p50 / p99 / max", $"{N(r.SendAckLatencyMs.P50)} / {N(r.SendAckLatencyMs.P99)} / {N(r.SendAckLatencyMs.Max)}"),
            ("lines acked (whole run) / missing deliveries", $"{r.MessagesAckedTotal} / {r.MissingDeliveries}"),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("silo CPU s (% of one core)", r.SiloCpuSeconds is { } cpu ? $"{N(cpu)} ({N(r.SiloCpuPercentOfOneCore ?? 0)}%)" : "n/a"),
            ("silo CPU s per 1,000 deliveries", r.SiloCpuSecondsPer1000Deliveries is { } per ? N(per) : "n/a"),
            ("silo RSS MiB (peak)", r.SiloRssMiB is { } rss ? $"{N(rss)} ({N(r.SiloPeakRssMiB ?? 0)})" : "n/a"),
            ("load generator CPU s", r.LoadGenCpuSeconds is { } own ? N(own) : "n/a"),
            ("connect + join all viewers, s", N(r.ConnectSeconds)),
        };
        WriteTable($"hot-room against {r.Target}", rows, output);
    }

    public static void Write(LikeStormResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.LikeStormResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("viewers (joined)", $"{r.Viewers} ({r.ViewersJoined})"),
            ("taps/s per viewer", N(r.TapsPerViewer)),
            ("measured for, s", N(r.MeasuredSeconds)),
            ("Like calls/s", N(r.LikeCallsPerSecond)),
            ("taps/s sent / accepted (expected)", $"{N(r.TapsSentPerSecond)} / {N(r.TapsAcceptedPerSecond)} ({N(r.ExpectedTapsPerSecond)})"),
            ("Like call ms p50 / p95 / p99 / max", Latency(r.LikeCallLatencyMs)),
            ("taps accepted / rejected (whole run)", $"{r.TapsAcceptedTotal} / {r.TapsRejectedTotal}"),
            ("likes: roomCounters / GET room / room list", $"{L(r.FinalCounterLikes)} / {L(r.RoomLikes)} / {L(r.DirectoryLikes)}"),
            ("likes == taps accepted", r.LikesMatch ? "yes" : "NO"),
            ("roomCounters events/s (one viewer)", N(r.CounterEventsPerSecond)),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("silo CPU s (% of one core)", r.SiloCpuSeconds is { } cpu ? $"{N(cpu)} ({N(r.SiloCpuPercentOfOneCore ?? 0)}%)" : "n/a"),
            ("silo CPU s per 1,000 Like calls", r.SiloCpuSecondsPer1000LikeCalls is { } per ? N(per) : "n/a"),
            ("silo RSS MiB (peak)", r.SiloRssMiB is { } rss ? $"{N(rss)} ({N(r.SiloPeakRssMiB ?? 0)})" : "n/a"),
            ("load generator CPU s", r.LoadGenCpuSeconds is { } own ? N(own) : "n/a"),
        };
        WriteTable($"like-storm against {r.Target}", rows, output);
    }

    private static string L(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Latency(LatencySummary s) => $"{N(s.P50)} / {N(s.P95)} / {N(s.P99)} / {N(s.Max)}  (n={s.Count})";

    private static string Errors(long total, SortedDictionary<string, long> byKind)
        => total == 0 ? "0" : $"{total} ({string.Join(", ", byKind.Select(kv => $"{kv.Key} {kv.Value}"))})";

    private static void WriteTable(string title, List<(string Name, string Value)> rows, TextWriter output)
    {
        var width = rows.Max(r => r.Name.Length);
        output.WriteLine(title);
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"  {name.PadRight(width)}  {value}");
        }
    }
}
