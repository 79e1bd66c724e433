using System.Globalization;
using System.Text.Json;

namespace Realtime.LoadGen;

/// <summary>Prints results: a readable table, or one JSON object with <c>--json</c>.</summary>
internal static partial class ResultWriter
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
            ("deliveries out of order or repeated", N(r.OutOfOrderDeliveries)),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("silo CPU s (% of one core)", SiloCpu(r.SiloCpuSeconds, r.SiloCpuPercentOfOneCore)),
            ("silo CPU s per 1,000 deliveries", r.SiloCpuSecondsPer1000Deliveries is { } per ? N(per) : "n/a"),
            ("deliveries per silo CPU-second", r.DeliveriesPerSiloCpuSecond is { } d ? N(d) : "n/a"),
            ("silo RSS MiB (peak)", SiloRss(r.SiloRssMiB, r.SiloPeakRssMiB)),
            ("load generator CPU s", D(r.LoadGenCpuSeconds)),
            ("machine busy % (load average start -> end)", Machine(r.MachineBusyPercent, r.LoadAverageAtStart, r.LoadAverageAtEnd)),
            ("connect + join all viewers, s", N(r.ConnectSeconds)),
        };
        WriteTable($"hot-room against {r.Server} at {r.Target}", rows, output);
    }

    public static void Write(IdleResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.IdleResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("connections asked / opened / joined / open at end", $"{r.Connections} / {r.Opened} / {r.Joined} / {r.OpenAtEnd}  (joined to {(r.Join == "room" ? "one room" : "nothing")})"),
            ("connect (+ join) all, s (per second)", $"{N(r.ConnectSeconds)} ({N(r.ConnectsPerSecond)})"),
            ("held idle for, s", N(r.HoldSeconds)),
            ("server RSS MiB before / after connect / end (peak)", $"{D(r.RssBeforeMiB)} / {D(r.RssAfterConnectMiB)} / {D(r.RssEndMiB)} ({D(r.PeakRssMiB)})"),
            ("server RSS per connection, KiB", D(r.KiBPerConnection)),
            ("server RssAnon MiB before / end (KiB per connection)", $"{D(r.RssAnonBeforeMiB)} / {D(r.RssAnonEndMiB)} ({D(r.AnonKiBPerConnection)})"),
            ("server threads before / end", $"{L(r.ThreadsBefore)} / {L(r.ThreadsEnd)}"),
            ("server open files before / end (limit)", $"{L(r.OpenFilesBefore)} / {L(r.OpenFilesEnd)} ({L(r.ServerOpenFilesLimit)})"),
            ("server CPU connecting s (ms per connection)", $"{D(r.SiloCpuSecondsConnecting)} ({D(r.SiloCpuMsPerConnect)})"),
            ("server CPU holding s (% of one core)", $"{D(r.SiloCpuSecondsHold)} ({D(r.SiloCpuPercentOfOneCoreHold)}%)"),
            ("server CPU per idle connection, µs/s", D(r.SiloCpuMicrosecondsPerConnectionSecond)),
            ("events pushed during the hold", N(r.EventsDuringHold)),
            ("load generator RSS growth MiB (KiB per connection)", $"{D(r.LoadGenRssDeltaMiB)} ({D(r.LoadGenKiBPerConnection)}); open files limit {L(r.LoadGenOpenFilesLimit)}"),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("machine busy % (load average start -> end)", Machine(r.MachineBusyPercent, r.LoadAverageAtStart, r.LoadAverageAtEnd)),
        };
        WriteTable($"idle against {r.Server} at {r.Target}", rows, output);
    }

    public static void Write(Comparison<HotRoomResult> c, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(c, LoadGenJsonContext.Default.ComparisonHotRoomResult));
            return;
        }

        Write(c.Realtime, json: false, output);
        output.WriteLine();
        Write(c.Baseline, json: false, output);
        output.WriteLine();
        var (o, b) = (c.Realtime, c.Baseline);
        var rows = new List<(string, string, string, double?)>
        {
            ("deliveries/s", N(o.DeliveriesPerSecond), N(b.DeliveriesPerSecond), c.RealtimeOverBaseline["deliveriesPerSecond"]),
            ("deliveries per silo CPU-second", D(o.DeliveriesPerSiloCpuSecond), D(b.DeliveriesPerSiloCpuSecond), c.RealtimeOverBaseline["deliveriesPerSiloCpuSecond"]),
            ("silo CPU s per 1,000 deliveries", D(o.SiloCpuSecondsPer1000Deliveries), D(b.SiloCpuSecondsPer1000Deliveries), c.RealtimeOverBaseline["siloCpuSecondsPer1000Deliveries"]),
            ("silo CPU, % of one core", D(o.SiloCpuPercentOfOneCore), D(b.SiloCpuPercentOfOneCore), Ratios.Of(o.SiloCpuPercentOfOneCore, b.SiloCpuPercentOfOneCore)),
            ("end-to-end ms p50", N(o.EndToEndLatencyMs.P50), N(b.EndToEndLatencyMs.P50), c.RealtimeOverBaseline["endToEndP50"]),
            ("end-to-end ms p95", N(o.EndToEndLatencyMs.P95), N(b.EndToEndLatencyMs.P95), c.RealtimeOverBaseline["endToEndP95"]),
            ("end-to-end ms p99", N(o.EndToEndLatencyMs.P99), N(b.EndToEndLatencyMs.P99), c.RealtimeOverBaseline["endToEndP99"]),
            ("send ack ms p50", N(o.SendAckLatencyMs.P50), N(b.SendAckLatencyMs.P50), c.RealtimeOverBaseline["sendAckP50"]),
            ("send ack ms p99", N(o.SendAckLatencyMs.P99), N(b.SendAckLatencyMs.P99), c.RealtimeOverBaseline["sendAckP99"]),
            ("silo RSS MiB", D(o.SiloRssMiB), D(b.SiloRssMiB), c.RealtimeOverBaseline["siloRssMiB"]),
            ("silo peak RSS MiB", D(o.SiloPeakRssMiB), D(b.SiloPeakRssMiB), c.RealtimeOverBaseline["siloPeakRssMiB"]),
            ("missing / out of order / errors", $"{o.MissingDeliveries} / {o.OutOfOrderDeliveries} / {o.Errors}", $"{b.MissingDeliveries} / {b.OutOfOrderDeliveries} / {b.Errors}", null),
            ("load generator CPU s", D(o.LoadGenCpuSeconds), D(b.LoadGenCpuSeconds), null),
            ("machine busy %", D(o.MachineBusyPercent), D(b.MachineBusyPercent), null),
        };
        WriteComparison(
            $"hot-room, {o.Viewers} viewers x {N(o.Rate)} lines/s ({o.Senders} senders): realtime vs plain-SignalR baseline ({c.Order})",
            rows,
            output);
    }

    public static void Write(Comparison<IdleResult> c, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(c, LoadGenJsonContext.Default.ComparisonIdleResult));
            return;
        }

        Write(c.Realtime, json: false, output);
        output.WriteLine();
        Write(c.Baseline, json: false, output);
        output.WriteLine();
        var (o, b) = (c.Realtime, c.Baseline);
        var rows = new List<(string, string, string, double?)>
        {
            ("open at end", N(o.OpenAtEnd), N(b.OpenAtEnd), null),
            ("server RSS KiB per connection", D(o.KiBPerConnection), D(b.KiBPerConnection), c.RealtimeOverBaseline["kiBPerConnection"]),
            ("server RssAnon KiB per connection", D(o.AnonKiBPerConnection), D(b.AnonKiBPerConnection), c.RealtimeOverBaseline["anonKiBPerConnection"]),
            ("server RSS MiB before", D(o.RssBeforeMiB), D(b.RssBeforeMiB), c.RealtimeOverBaseline["rssBeforeMiB"]),
            ("server RSS MiB at end", D(o.RssEndMiB), D(b.RssEndMiB), c.RealtimeOverBaseline["rssEndMiB"]),
            ("connects/s", N(o.ConnectsPerSecond), N(b.ConnectsPerSecond), c.RealtimeOverBaseline["connectsPerSecond"]),
            ("server CPU ms per connect", D(o.SiloCpuMsPerConnect), D(b.SiloCpuMsPerConnect), c.RealtimeOverBaseline["siloCpuMsPerConnect"]),
            ("server CPU holding, % of one core", D(o.SiloCpuPercentOfOneCoreHold), D(b.SiloCpuPercentOfOneCoreHold), c.RealtimeOverBaseline["siloCpuPercentOfOneCoreHold"]),
            ("errors", N(o.Errors), N(b.Errors), null),
            ("machine busy %", D(o.MachineBusyPercent), D(b.MachineBusyPercent), null),
        };
        WriteComparison(
            $"idle, {o.Connections} connections joined to {(o.Join == "room" ? "one room" : "nothing")}: realtime vs plain-SignalR baseline ({c.Order})",
            rows,
            output);
    }

    private static void WriteComparison(string title, List<(string Name, string Ours, string Baseline, double? Ratio)> rows, TextWriter output)
    {
        var width = rows.Max(r => r.Name.Length);
        var ours = Math.Max("realtime".Length, rows.Max(r => r.Ours.Length));
        var baseline = Math.Max("baseline".Length, rows.Max(r => r.Baseline.Length));
        output.WriteLine(title);
        output.WriteLine($"  {string.Empty.PadRight(width)}  {"realtime".PadLeft(ours)}  {"baseline".PadLeft(baseline)}  realtime/baseline");
        foreach (var (name, o, b, ratio) in rows)
        {
            output.WriteLine($"  {name.PadRight(width)}  {o.PadLeft(ours)}  {b.PadLeft(baseline)}  {(ratio is { } x ? N(x) : string.Empty)}");
        }
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
            ("silo CPU s (% of one core)", SiloCpu(r.SiloCpuSeconds, r.SiloCpuPercentOfOneCore)),
            ("silo CPU s per 1,000 Like calls", r.SiloCpuSecondsPer1000LikeCalls is { } per ? N(per) : "n/a"),
            ("silo RSS MiB (peak)", SiloRss(r.SiloRssMiB, r.SiloPeakRssMiB)),
            ("load generator CPU s", D(r.LoadGenCpuSeconds)),
        };
        WriteTable($"like-storm against {r.Target}", rows, output);
    }

    public static void Write(CommentsResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.CommentsResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("notes (authors connected) / commenters", $"{r.Notes} / {r.CommentersConnected} of {r.Users}"),
            ("rate asked / sent, comments/s", $"{N(r.Rate)} / {N(r.SendRate)}"),
            ("measured for, s", N(r.MeasuredSeconds)),
            ("comments acked/s, notifications/s", $"{N(r.AckedPerSecond)}, {N(r.NotificationsPerSecond)}"),
            ("comment -> notification ms p50 / p95 / p99 / max", Latency(r.NotificationLatencyMs)),
            ($"goal p99 <= {N(r.GoalP99Ms)} ms at the asked rate", r.GoalMet ? "met" : "NOT met"),
            ("comment -> comment event (author watching) ms", Latency(r.CommentEventLatencyMs)),
            ("PostComment ack ms p50 / p95 / p99 / max", Latency(r.AckLatencyMs)),
            ("ack -> notification ms (notified before the ack)", $"{Latency(r.AckToNotificationMs)} ({r.NotifiedBeforeAck})"),
            ("acked (whole run) / notified once in GetInbox", $"{r.CommentsAckedTotal} / {r.InboxExactlyOnce}"),
            ("inbox missing / duplicated / without ack", $"{r.InboxMissing} / {r.InboxDuplicated} / {r.InboxWithoutAck}"),
            ("live notifications missing / duplicated", $"{r.LiveMissing} / {r.LiveDuplicated}"),
            ("every ack notified exactly once", r.EveryAckNotifiedOnce ? "yes" : "NO"),
            ("unexpected notifications", N(r.UnexpectedNotifications)),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("storage writes (per comment), mean ms, > 5 ms", $"{r.StorageWrites.Count} ({(r.StorageWritesPerComment is { } w ? N(w) : "n/a")}), {N(r.StorageWrites.MeanMs)}, {r.StorageWrites.AboveFiveMs}"),
            ("time in the SQLite writer (queue + write) per s", N(Math.Round(r.StorageWrites.SumSeconds / r.MeasuredSeconds, 3))),
            ("grain commits, mean ms (p99 bucket)", $"{r.GrainCommits.Count}, {N(r.GrainCommits.MeanMs)} (<= {Bound(r.GrainCommits.P99UpperBoundMs)})"),
            ("silo CPU s (% of one core)", SiloCpu(r.SiloCpuSeconds, r.SiloCpuPercentOfOneCore)),
            ("silo CPU s per 1,000 comments", r.SiloCpuSecondsPer1000Comments is { } per ? N(per) : "n/a"),
            ("silo RSS MiB (peak)", SiloRss(r.SiloRssMiB, r.SiloPeakRssMiB)),
            ("load generator CPU s", D(r.LoadGenCpuSeconds)),
            ("machine busy % (load average start -> end)", Machine(r.MachineBusyPercent, r.LoadAverageAtStart, r.LoadAverageAtEnd)),
            ("create notes + connect all, s", N(r.ConnectSeconds)),
        };
        WriteTable($"comments against {r.Target}", rows, output);
    }

    public static void Write(TranslationResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.TranslationResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("viewers (joined) by language", $"{r.Viewers} ({r.ViewersJoined}): {string.Join(", ", r.ViewersByLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}"),
            ("lines replayed / acked, at lines/s", $"{r.ReplayLines} / {r.LinesAcked} at {N(r.Rate)} in {N(r.ReplaySeconds)} s"),
            ("naive: requests (viewer x other-language line), chars", $"{r.NaivePairs}, {r.NaiveCharacters}  ({N(r.NaiveRequestsPerLine)} and {N(r.NaiveCharactersPerLine)} per line)"),
            ("  of which no provider for the pair", $"{r.NoProviderPairs}, {r.NoProviderCharacters}"),
            ("  of which not translated (skip rules)", $"{r.SkippedPairs}, {r.SkippedCharacters}"),
            ("  of which translated at the viewers", $"{r.TranslatedPairs}, {r.TranslatedCharacters}"),
            ("once per language (line, language)", $"{r.PerLanguagePairs}, {r.PerLanguageCharacters}"),
            ("  distinct (text, language): a perfect cache's floor", $"{r.DistinctPairs}, {r.DistinctCharacters}"),
            ("silo -> providers: requests / pairs / chars", $"{r.ProviderRequests} / {r.ProviderPairs} / {r.ProviderCharacters}  ({N(r.ProviderRequestsPerLine)} requests and {N(r.ProviderCharactersPerLine)} chars per line)"),
            ("  by provider (requests / pairs / chars / failures)", string.Join("; ", r.ByProvider.Select(kv => $"{kv.Key} {kv.Value.Requests} / {kv.Value.Pairs} / {kv.Value.Characters} / {kv.Value.Failures}"))),
            ("cache memory / storage hits / misses (hit rate)", $"{r.CacheMemoryHits} / {r.CacheStorageHits} / {r.CacheMisses} ({N(r.CacheHitRate * 100)}% of lookups, {N(r.CacheHitRateWhereProvided * 100)}% where a provider exists)"),
            ("skipped by the silo (per language)", N(r.SkippedBySilo)),
            ("cache misses on pairs without a provider", N(r.MissesWithoutProvider)),
            ("pairs without a provider", r.UnsupportedPairs.Length == 0 ? "none" : string.Join(", ", r.UnsupportedPairs)),
            ("chat -> chatTranslated ms p50 / p95 / p99 / max", Latency(r.TranslationDelayMs)),
        };
        foreach (var (language, summary) in r.TranslationDelayByLanguageMs)
        {
            rows.Add(($"  readers of {language}", Latency(summary)));
        }

        rows.AddRange(
        [
            ("send -> chatTranslated ms", Latency(r.SendToTranslationMs)),
            ("translations delivered / missing / duplicated", $"{r.TranslationsDelivered} / {r.TranslationsMissingAtSomeViewers} / {r.TranslationsDuplicated}"),
            ("before the original / wrong language / originals missing", $"{r.TranslationsBeforeOriginal} / {r.TranslationsInWrongLanguage} / {r.OriginalsMissing}"),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("silo CPU s (per line)", r.SiloCpuSeconds is { } cpu ? $"{N(cpu)} ({N(r.SiloCpuSecondsPerLine ?? 0)}) over {N(r.WindowSeconds)} s" : "n/a"),
            ("translator processes CPU s", r.TranslatorProcessesCpuSeconds is { } tp ? N(tp) : "n/a"),
            ("silo RSS MiB", r.SiloRssMiB is { } rss ? N(rss) : "n/a"),
            ("load generator CPU s", D(r.LoadGenCpuSeconds)),
            ("machine busy % (load average start -> end)", Machine(r.MachineBusyPercent, r.LoadAverageAtStart, r.LoadAverageAtEnd)),
        ]);
        WriteTable($"translation against {r.Target}", rows, output);
        output.WriteLine();
        output.WriteLine("  per language pair: source -> reader  provider  lines  translated  naive requests  naive chars");
        foreach (var p in r.Pairs)
        {
            output.WriteLine($"    {p.Source,-8} -> {p.Target,-8}  {(p.Provided ? "yes" : "none"),-8}  {p.Lines,5}  {p.LinesTranslated,10}  {p.NaivePairs,14}  {p.NaiveCharacters,11}");
        }

        if (r.UntranslatedTexts.Length > 0)
        {
            output.WriteLine();
            output.WriteLine("  not translated although the pair has a provider:");
            foreach (var text in r.UntranslatedTexts)
            {
                output.WriteLine("    " + text);
            }
        }
    }

    private static string Machine(double? busy, double? start, double? end)
        => $"{(busy is { } b ? N(b) : "n/a")} ({(start is { } s ? N(s) : "n/a")} -> {(end is { } e ? N(e) : "n/a")})";

    private static string SiloCpu(double? seconds, double? percentOfOneCore)
        => seconds is { } cpu ? $"{N(cpu)} ({N(percentOfOneCore ?? 0)}%)" : "n/a";

    private static string SiloRss(double? rss, double? peak) => rss is { } r ? $"{N(r)} ({N(peak ?? 0)})" : "n/a";

    private static string D(double? value) => value is { } v ? N(v) : "n/a";

    private static string Bound(double? ms) => ms is { } v ? N(v) : "+Inf";

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
