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

    public MeasurementWindow(int? siloPid) => _siloPid = siloPid;

    public double Seconds => Stopwatch.GetElapsedTime(_startedAt, _endedAt).TotalSeconds;

    public double? SiloCpuSeconds => _siloCpuAtEnd - _siloCpuAtStart;

    public double? LoadGenCpuSeconds => _selfCpuAtEnd - _selfCpuAtStart;

    public void Begin()
    {
        _siloCpuAtStart = _siloPid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
        _selfCpuAtStart = ProcessStats.CpuSeconds(Environment.ProcessId);
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void End()
    {
        _endedAt = Stopwatch.GetTimestamp();
        _siloCpuAtEnd = _siloPid is { } pid ? ProcessStats.CpuSeconds(pid) : null;
        _selfCpuAtEnd = ProcessStats.CpuSeconds(Environment.ProcessId);
    }
}
