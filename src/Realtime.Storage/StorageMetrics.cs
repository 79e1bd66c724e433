using System.Diagnostics.Metrics;

namespace Realtime.Storage;

/// <summary>
/// The storage's instruments on the meter <see cref="MeterName"/>: the histogram
/// <see cref="WriteSecondsName"/> records every <c>WriteStateAsync</c>, tagged <c>outcome</c> =
/// <c>ok</c>, <c>conflict</c> or <c>error</c>. Read it with a <see cref="MeterListener"/>.
/// </summary>
public sealed class StorageMetrics : IDisposable
{
    /// <summary>Name of the storage meter.</summary>
    public const string MeterName = "Realtime.Storage";

    /// <summary>Name of the write latency histogram, in seconds, queueing for the writer included.</summary>
    public const string WriteSecondsName = "realtime_storage_write_seconds";

    internal const string OutcomeOk = "ok";
    internal const string OutcomeConflict = "conflict";
    internal const string OutcomeError = "error";

    private readonly bool _ownsMeter;
    private readonly Histogram<double> _writeSeconds;

    /// <summary>Creates the instruments on a meter from the host's factory, which owns and disposes it.</summary>
    public StorageMetrics(IMeterFactory meterFactory)
        : this(CreateMeter(meterFactory), ownsMeter: false)
    {
    }

    /// <summary>Creates the instruments on a meter of their own, disposed with this instance.</summary>
    public StorageMetrics()
        : this(new Meter(MeterName), ownsMeter: true)
    {
    }

    private StorageMetrics(Meter meter, bool ownsMeter)
    {
        Meter = meter;
        _ownsMeter = ownsMeter;
        _writeSeconds = meter.CreateHistogram<double>(
            WriteSecondsName, unit: "s", description: "Duration of grain state writes, including the wait for the writer.");
    }

    /// <summary>The meter that carries the instruments; a listener can match on this instance.</summary>
    public Meter Meter { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    internal void RecordWrite(TimeSpan elapsed, string outcome)
        => _writeSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    private static Meter CreateMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(MeterName);
    }
}
