using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Grains.Events;
using Realtime.Hosting.Presence;
using Realtime.Translation;

namespace Realtime.Hosting.Metrics;

/// <summary><c>GET /metrics</c> in Prometheus text format.</summary>
public static class MetricsEndpoint
{
    /// <summary>Maps <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapRealtimeMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (HubMetrics hub, TopicPresence presence, HistogramCollector histograms, OrleansMeterCollector orleans, TranslationMetrics translation) =>
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Write(writer, "realtime_connections", "gauge", "Open hub connections.", hub.Connections);
            Write(writer, "realtime_active_rooms", "gauge", "Rooms with viewers on this silo.", presence.Snapshot("room/").Count);
            Write(writer, "realtime_messages_in_total", "counter", "Hub invocations received.", hub.MessagesIn);
            Write(writer, "realtime_deliveries_out_total", "counter", "Events sent to connections.", hub.DeliveriesOut);

            Write(writer, "realtime_relay_batches_sent_total", "counter", "Event batches grains on this silo sent to silo relays (one per batch and subscribed silo).", RelayCounters.Sent);
            Write(writer, "realtime_relay_batches_received_total", "counter", "Event batches this silo's relay received from grains on any silo.", RelayCounters.Received);
            histograms.WriteTo(writer);
            orleans.WriteTo(writer);
            Write(writer, "realtime_grain_activations", "gauge", "Live grain activations on this silo (Orleans' catalog).", orleans.Value("orleans-catalog-activations"));
            WriteTranslation(writer, translation);
            return Results.Text(writer.ToString(), "text/plain; version=0.0.4", Encoding.UTF8);
        });
        return endpoints;
    }

    private static void WriteTranslation(TextWriter writer, TranslationMetrics translation)
    {
        Write(writer, "realtime_translation_cache_memory_hits_total", "counter", "Translations answered from this silo's memory.", translation.MemoryHits);
        Write(writer, "realtime_translation_cache_storage_hits_total", "counter", "Translations answered from the shared cache.", translation.StorageHits);
        Write(writer, "realtime_translation_cache_misses_total", "counter", "Translations no cache had.", translation.Misses);
        Write(writer, "realtime_translation_skipped_total", "counter", "Texts not translated (same language, reactions, too short).", translation.Skipped);
        writer.Write("# HELP realtime_translation_provider_requests_total Provider calls.\n# TYPE realtime_translation_provider_requests_total counter\n");
        foreach (var (provider, c) in translation.Providers)
        {
            writer.Write($"realtime_translation_provider_requests_total{{provider=\"{provider}\"}} {c[0]}\n");
        }

        writer.Write("# HELP realtime_translation_provider_pairs_total (text, target) pairs sent to providers.\n# TYPE realtime_translation_provider_pairs_total counter\n");
        foreach (var (provider, c) in translation.Providers)
        {
            writer.Write($"realtime_translation_provider_pairs_total{{provider=\"{provider}\"}} {c[1]}\n");
        }

        writer.Write("# HELP realtime_translation_provider_characters_total Characters sent to providers.\n# TYPE realtime_translation_provider_characters_total counter\n");
        foreach (var (provider, c) in translation.Providers)
        {
            writer.Write($"realtime_translation_provider_characters_total{{provider=\"{provider}\"}} {c[2]}\n");
        }

        writer.Write("# HELP realtime_translation_provider_failures_total Provider calls that failed.\n# TYPE realtime_translation_provider_failures_total counter\n");
        foreach (var (provider, c) in translation.Providers)
        {
            writer.Write($"realtime_translation_provider_failures_total{{provider=\"{provider}\"}} {c[3]}\n");
        }

        writer.Write("# HELP realtime_translation_unsupported_pair Language pairs no provider translates (1 each).\n# TYPE realtime_translation_unsupported_pair gauge\n");
        foreach (var (source, target) in translation.Unsupported)
        {
            writer.Write($"realtime_translation_unsupported_pair{{source=\"{source}\",target=\"{target}\"}} 1\n");
        }
    }

    private static void Write(TextWriter writer, string name, string type, string help, long value) =>
        writer.Write($"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
