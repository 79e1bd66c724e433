using System.Diagnostics;
using System.Globalization;

namespace Realtime.LoadGen;

/// <summary>CPU time and resident memory of a process, read from Linux's <c>/proc</c>; null elsewhere or when unreadable.</summary>
internal static class ProcessStats
{
    private static readonly Lazy<double> ClockTicksPerSecond = new(ReadClockTicks);

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double? CpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // fields[0] is field 3 (state); utime is field 14 and stime field 15.
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        return (utime + stime) / ClockTicksPerSecond.Value;
    }

    /// <summary>The resident set (VmRSS) in MiB.</summary>
    public static double? RssMiB(int pid) => StatusKiB(pid, "VmRSS:") is { } kib ? Math.Round(kib / 1024.0, 1) : null;

    /// <summary>The peak resident set (VmHWM) in MiB.</summary>
    public static double? PeakRssMiB(int pid) => StatusKiB(pid, "VmHWM:") is { } kib ? Math.Round(kib / 1024.0, 1) : null;

    private static long? StatusKiB(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var parts = line[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static double ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (getconf is not null)
            {
                var text = getconf.StandardOutput.ReadToEnd();
                getconf.WaitForExit(2000);
                if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ticks) && ticks > 0)
                {
                    return ticks;
                }
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
        }

        return 100;
    }
}
