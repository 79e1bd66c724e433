using System.Diagnostics;

namespace Realtime.LoadGen;

/// <summary>The measured interval: its length and the CPU the silo (when its pid is known) and the load generator used in it.</summary>
internal sealed class MeasurementWindow
{
    private readonly int? _siloPid;
    private long _startedAt;
    private long _endedAt;
    private double? _siloCpuAtStart;
    private double? _siloCpuAtEnd;
    private double? _selfCpuAtStart;
    private double? _selfCpuAtEnd;
    private (long Busy, long Total)? _machineAtStart;
    private (long Busy, long Total)? _machineAtEnd;

    public MeasurementWindow(int? siloPid) => _siloPid = siloPid;

    public double Seconds => Stopwatch.GetElapsedTime(_startedAt, _endedAt).TotalSeconds;

    public double? SiloCpuSeconds => _siloCpuAtEnd - _siloCpuAtStart;

    public double? LoadGenCpuSeconds => _selfCpuAtEnd - _selfCpuAtStart;

    /// <summary>The 1-minute load average when the window began and ended.</summary>
    public double? LoadAtStart { get; private set; }

    /// <inheritdoc cref="LoadAtStart"/>
    public double? LoadAtEnd { get; private set; }

    /// <summary>How busy the whole machine was in the window, % of all cores (this tool and the silo included).</summary>
    public double? MachineBusyPercent =>
        _machineAtStart is { } a && _machineAtEnd is { } b && b.Total > a.Total
            ? Math.Round((b.Busy - a.Busy) * 100.0 / (b.Total - a.Total), 1)
            : null;

    public void Begin()
    {
        _siloCpuAtStart = _siloPid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
        _selfCpuAtStart = ProcessStats.CpuSeconds(Environment.ProcessId);
        _machineAtStart = ProcessStats.MachineCpu();
        LoadAtStart = ProcessStats.LoadAverage();
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void End()
    {
        _endedAt = Stopwatch.GetTimestamp();
        _siloCpuAtEnd = _siloPid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
        _selfCpuAtEnd = ProcessStats.CpuSeconds(Environment.ProcessId);
        _machineAtEnd = ProcessStats.MachineCpu();
        LoadAtEnd = ProcessStats.LoadAverage();
    }

    /// <summary>
    /// Measures for <paramref name="duration"/>: begins the window, raises the caller's measuring
    /// flag, waits, lowers the flag and ends the window.
    /// </summary>
    public async Task MeasureAsync(TimeSpan duration, Action<bool> setMeasuring, CancellationToken cancellationToken)
    {
        Begin();
        setMeasuring(true);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        setMeasuring(false);
        End();
    }
}
