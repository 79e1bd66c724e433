using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Runtime.Activation;
using Realtime.Hosting.Presence;

namespace Realtime.Hosting.Metrics;

/// <summary><c>GET /metrics</c> in Prometheus text format.</summary>
public static class MetricsEndpoint
{
    /// <summary>Maps <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapRealtimeMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (HubMetrics hub, TopicPresence presence, ActivationDirectory activations, HistogramCollector histograms) =>
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(writer, "realtime_connections", "gauge", "Open hub connections.", hub.Connections);
            Write(writer, "realtime_active_rooms", "gauge", "Rooms with viewers on this silo.", presence.Snapshot("room/").Count);
            Write(writer, "realtime_messages_in_total", "counter", "Hub invocations received.", hub.MessagesIn);
            Write(writer, "realtime_deliveries_out_total", "counter", "Events sent to connections.", hub.DeliveriesOut);
            Write(writer, "realtime_grain_activations", "gauge", "Live grain activations on this silo.", activations.Count);
            histograms.WriteTo(writer);
            return Results.Text(writer.ToString(), "text/plain; version=0.0.4", Encoding.UTF8);
        });
        return endpoints;
    }

    private static void Write(TextWriter writer, string name, string type, string help, long value) =>
        writer.Write($"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
