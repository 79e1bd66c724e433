using System.Globalization;
using System.Text.Json;

namespace Realtime.LoadGen;

/// <summary>The <c>topic-surge</c> table.</summary>
internal static partial class ResultWriter
{
    public static void Write(TopicSurgeResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.TopicSurgeResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("notes sent / accepted", $"{r.NotesSent} / {r.NotesAccepted}"),
            ("authors, requests in flight", $"{r.Authors}, {r.InFlight}"),
            ("views recorded", r.ViewsSent.ToString(CultureInfo.InvariantCulture)),
            ("posting took, s", N(r.PostSeconds)),
            ("notes accepted per second", N(r.NotesPerSecond)),
            ("create ms p50 / p95 / p99 / max", Latency(r.CreateMs)),
        };
        foreach (var t in r.Topics)
        {
            rows.Add(($"#{t.Tag} notes / views / participants", $"{t.Notes}/{t.NotesSent} / {t.Views}/{t.ViewsSent} / {t.Participants}/{t.ParticipantsSent}{(t.Exact ? "" : " MISMATCH")} (settled {N(t.SettledAfterMs)} ms)"));
        }

        rows.Add(("every count exact", r.Exact ? "yes" : "NO"));
        rows.Add(("surge tops the 1 h list", r.SurgeTopsTrending ? "yes" : "no"));
        rows.Add(("trending lag ms p50 / p95 / p99 / max", Latency(r.TrendingLagMs)));
        rows.Add(("trending shows the final count after, ms", r.TrendingFinalLagMs is { } final ? N(final) : "never"));
        rows.Add(("topicCounters lag ms p50 / p95 / p99 / max", Latency(r.TopicCountersLagMs)));
        rows.Add(("errors", Errors(r.Errors, r.ErrorsByKind)));
        rows.Add(("silo CPU s while posting", D(r.SiloCpuSeconds)));
        rows.Add(("load generator CPU s", D(r.LoadGenCpuSeconds)));
        WriteTable($"topic-surge against {r.Target}", rows, output);
    }
}
