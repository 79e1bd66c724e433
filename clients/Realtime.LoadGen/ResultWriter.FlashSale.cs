using System.Text.Json;

namespace Realtime.LoadGen;

/// <summary>The <c>flash-sale</c> table.</summary>
internal static partial class ResultWriter
{
    public static void Write(FlashSaleResult r, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(r, LoadGenJsonContext.Default.FlashSaleResult));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("viewers (joined)", $"{r.Viewers} ({r.ViewersJoined})"),
            ("stock", r.Stock.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("taps spread over, s", N(r.TapSeconds)),
            ("orders acknowledged / listed / twice", $"{r.OrdersAcknowledged} / {r.OrdersListed} / {r.DuplicateOrders}"),
            ("sold_out answers", r.SoldOutAnswers.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("remaining after", r.RemainingAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("exactly the stock, none twice", r.Exact ? "yes" : "NO"),
            ("order ack ms p50 / p95 / p99 / max", Latency(r.OrderAckMs)),
            ("sold_out ms p50 / p95 / p99 / max", Latency(r.SoldOutAckMs)),
            ("errors", Errors(r.Errors, r.ErrorsByKind)),
            ("silo CPU s over the sale", D(r.SiloCpuSeconds)),
            ("load generator CPU s", D(r.LoadGenCpuSeconds)),
        };
        WriteTable($"flash-sale against {r.Target}", rows, output);
    }
}
