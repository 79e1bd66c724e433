using System.Globalization;

namespace Realtime.LoadGen;

/// <summary>
/// One reading of the silo's <c>/metrics</c> (Prometheus text): every sample by its full name,
/// labels included (<c>realtime_translation_provider_requests_total{provider="apertium"}</c>).
/// Two readings taken around a window give what happened in it.
/// </summary>
internal sealed class SiloMetrics
{
    private readonly Dictionary<string, double> _samples;

    private SiloMetrics(Dictionary<string, double> samples) => _samples = samples;

    /// <summary>A reading with no samples (the silo could not be read).</summary>
    public static SiloMetrics Empty { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>Every sample, by full name.</summary>
    public IReadOnlyDictionary<string, double> Samples => _samples;

    /// <summary>Reads <c>/metrics</c>; an unreadable answer counts as a <c>metrics</c> error and gives <see cref="Empty"/>.</summary>
    public static async Task<SiloMetrics> ReadAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        try
        {
            var text = await context.Http.GetStringAsync("metrics", cancellationToken).ConfigureAwait(false);
            return Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            context.Errors.Add("metrics", e);
            return Empty;
        }
    }

    public static SiloMetrics Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var value = line[(space + 1)..] switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
            };
            samples[line[..space].TrimEnd()] = value;
        }

        return new SiloMetrics(samples);
    }

    /// <summary>One sample; 0 when absent.</summary>
    public double Get(string name) => _samples.GetValueOrDefault(name);

    /// <summary>The sum of every sample of a metric, whatever its labels.</summary>
    public double Sum(string metric) => _samples
        .Where(s => s.Key == metric || s.Key.StartsWith(metric + "{", StringComparison.Ordinal))
        .Sum(s => s.Value);

    /// <summary>The samples of a metric by the value of one label (<c>provider</c> -> value).</summary>
    public Dictionary<string, double> ByLabel(string metric, string label)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in _samples)
        {
            if (name.StartsWith(metric + "{", StringComparison.Ordinal) && LabelOf(name, label) is { } key)
            {
                result[key] = result.GetValueOrDefault(key) + value;
            }
        }

        return result;
    }

    /// <summary>The value of <paramref name="label"/> in a sample's name, or null.</summary>
    public static string? LabelOf(string sampleName, string label)
    {
        var marker = label + "=\"";
        var at = sampleName.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + marker.Length;
        var end = sampleName.IndexOf('"', start);
        return end < 0 ? null : sampleName[start..end];
    }

    /// <summary>A histogram's change between two readings: count, mean and the share of observations at or under each bound.</summary>
    public static HistogramDelta Histogram(SiloMetrics before, SiloMetrics after, string metric)
    {
        var count = after.Get(metric + "_count") - before.Get(metric + "_count");
        var sum = after.Get(metric + "_sum") - before.Get(metric + "_sum");
        var buckets = new SortedDictionary<double, double>();
        foreach (var (name, value) in after._samples)
        {
            if (name.StartsWith(metric + "_bucket{", StringComparison.Ordinal) && LabelOf(name, "le") is { } le
                && double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
            {
                buckets[bound] = value - before.Get(name);
            }
        }

        var atMostFiveMs = buckets.Where(b => b.Key <= 0.005).Select(b => b.Value).DefaultIfEmpty(0).Max();
        return new HistogramDelta(
            (long)count,
            count > 0 ? Math.Round(sum / count * 1000, 3) : 0,
            Math.Round(sum, 3),
            QuantileMs(buckets, count, 0.5),
            QuantileMs(buckets, count, 0.99),
            (long)Math.Max(0, count - atMostFiveMs));
    }

    /// <summary>The upper bound (ms) of the bucket holding the quantile (coarse by design of the buckets); null above the last finite bound.</summary>
    private static double? QuantileMs(SortedDictionary<double, double> cumulative, double count, double quantile)
    {
        if (count <= 0)
        {
            return 0;
        }

        foreach (var (bound, seen) in cumulative)
        {
            if (seen >= quantile * count)
            {
                return double.IsPositiveInfinity(bound) ? null : Math.Round(bound * 1000, 3);
            }
        }

        return null;
    }
}

/// <summary>A silo histogram over a window, in milliseconds (the sum in seconds); p50/p99 are bucket upper bounds.</summary>
internal sealed record HistogramDelta(long Count, double MeanMs, double SumSeconds, double? P50UpperBoundMs, double? P99UpperBoundMs, long AboveFiveMs);
