using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Realtime.Hosting.Metrics;

/// <summary>
/// Orleans' own instruments (meter <c>Microsoft.Orleans</c>: activations, messages, membership,
/// storage ...) on <c>/metrics</c>, beside ours. Counters are summed over their tags, gauges keep
/// their latest value; Orleans' names become Prometheus names (<c>orleans-grains</c> -> <c>orleans_grains</c>).
/// </summary>
public sealed class OrleansMeterCollector : IDisposable
{
    private const string MeterName = "Microsoft.Orleans";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Reading> _readings = new();
    private readonly Lock _scrape = new();

    public OrleansMeterCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument is not Histogram<double> and not Histogram<long>)
            {
                var reading = new Reading(IsSum(instrument));
                _readings[instrument] = reading;
                // The reading rides along as the measurement's state: no lookup per measurement.
                listener.EnableMeasurementEvents(instrument, reading);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, state) => ((Reading)state!).Add(value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, state) => ((Reading)state!).Add(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((Reading)state!).Add(value));
        _listener.Start();
    }

    /// <summary>Takes the observable instruments' current values, then writes every reading.</summary>
    public void WriteTo(TextWriter writer)
    {
        // Two scrapes at once would both reset the observable readings and add their observations twice.
        lock (_scrape)
        {
            WriteLocked(writer);
        }
    }

    private void WriteLocked(TextWriter writer)
    {
        foreach (var reading in _readings.Values.Where(r => !r.IsSum))
        {
            reading.BeginObservation();
        }

        _listener.RecordObservableInstruments();
        foreach (var (instrument, reading) in _readings.OrderBy(r => r.Key.Name, StringComparer.Ordinal))
        {
            var name = "orleans_" + new string(instrument.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray())
                .Replace("orleans_", "", StringComparison.Ordinal);
            var type = instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double>
                ? "counter" : "gauge";
            writer.Write($"# HELP {name} {instrument.Description ?? instrument.Name}\n# TYPE {name} {type}\n{name} {reading.Value.ToString(CultureInfo.InvariantCulture)}\n");
        }
    }

    /// <summary>The last reading of the Orleans instrument <paramref name="instrumentName"/> (as of the last <see cref="WriteTo"/>), 0 when unknown.</summary>
    public long Value(string instrumentName) =>
        (long)_readings.Where(r => r.Key.Name == instrumentName).Sum(r => r.Value.Value);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    // Counters and up-down counters add up their measurements; observable instruments report a current value.
    private static bool IsSum(Instrument instrument) =>
        instrument is Counter<long> or Counter<int> or Counter<double> or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>;


    private sealed class Reading(bool isSum)
    {
        private readonly Lock _gate = new();
        private double _value;

        public bool IsSum { get; } = isSum;

        public double Value
        {
            get
            {
                lock (_gate)
                {
                    return _value;
                }
            }
        }

        /// <summary>An observation reports a value per tag set; they are summed afresh on every scrape.</summary>
        public void BeginObservation()
        {
            lock (_gate)
            {
                _value = 0;
            }
        }

        public void Add(double value)
        {
            lock (_gate)
            {
                _value += value;
            }
        }
    }
}
