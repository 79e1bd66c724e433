using System.Diagnostics.Metrics;

namespace Realtime.Hosting.Metrics;

/// <summary>
/// Listens to the histograms the storage and runtime record (in seconds) and keeps Prometheus
/// buckets for them, so <c>/metrics</c> needs no exporter package.
/// </summary>
public sealed class HistogramCollector : IDisposable
{
    private static readonly double[] Bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, Histogram> _histograms;

    /// <summary>Starts listening to the named instruments.</summary>
    public HistogramCollector(IEnumerable<string> instrumentNames)
    {
        _histograms = instrumentNames.ToDictionary(n => n, _ => new Histogram(), StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_histograms.ContainsKey(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument, _histograms[instrument.Name]);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((Histogram)state!).Record(value));
        _listener.Start();
    }

    /// <summary>Writes every histogram in Prometheus text format.</summary>
    public void WriteTo(TextWriter writer)
    {
        foreach (var (name, histogram) in _histograms)
        {
            histogram.WriteTo(writer, name);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private sealed class Histogram
    {
        private readonly long[] _buckets = new long[Bounds.Length];
        private long _count;
        private double _sum;

        public void Record(double value)
        {
            lock (_buckets)
            {
                for (var i = 0; i < Bounds.Length; i++)
                {
                    if (value <= Bounds[i])
                    {
                        _buckets[i]++;
                    }
                }

                _count++;
                _sum += value;
            }
        }

        public void WriteTo(TextWriter writer, string name)
        {
            lock (_buckets)
            {
                writer.Write($"# TYPE {name} histogram\n");
                for (var i = 0; i < Bounds.Length; i++)
                {
                    writer.Write(FormattableString.Invariant($"{name}_bucket{{le=\"{Bounds[i]}\"}} {_buckets[i]}\n"));
                }

                writer.Write(FormattableString.Invariant($"{name}_bucket{{le=\"+Inf\"}} {_count}\n{name}_sum {_sum}\n{name}_count {_count}\n"));
            }
        }
    }
}
