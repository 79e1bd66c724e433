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

    /// <summary>
    /// User plus system CPU seconds used so far by the live processes descending from
    /// <paramref name="pid"/> (not the process itself): the silo's translator pipelines. Processes
    /// that already exited are not counted.
    /// </summary>
    public static double? DescendantsCpuSeconds(int pid)
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                || ParentOf(child) is not { } parent)
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(child);
        }

        double total = 0;
        var queue = new Queue<int>(children.GetValueOrDefault(pid) ?? []);
        while (queue.TryDequeue(out var next))
        {
            total += CpuSeconds(next) ?? 0;
            foreach (var grandchild in children.GetValueOrDefault(next) ?? [])
            {
                queue.Enqueue(grandchild);
            }
        }

        return total;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // fields[1] is field 4, the parent's pid.
            return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average (<c>/proc/loadavg</c>).</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The machine's CPU time so far, all cores (<c>/proc/stat</c>, in clock ticks): busy and total.</summary>
    public static (long Busy, long Total)? MachineCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();

            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
            var total = fields.Take(8).Sum();
            var idle = fields.Length > 4 ? fields[3] + fields[4] : 0;
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The resident set (VmRSS) in MiB.</summary>
    public static double? RssMiB(int pid) => StatusKiB(pid, "VmRSS:") is { } kib ? Math.Round(kib / 1024.0, 1) : null;

    /// <summary>The peak resident set (VmHWM) in MiB.</summary>
    public static double? PeakRssMiB(int pid) => StatusKiB(pid, "VmHWM:") is { } kib ? Math.Round(kib / 1024.0, 1) : null;

    /// <summary>
    /// The anonymous resident memory (RssAnon) in MiB: the GC heap, native heaps and thread stacks,
    /// without the mapped files (the runtime's and the app's dlls). The GC heap alone cannot be read
    /// from outside without the runtime's diagnostics channel, so this is its upper bound.
    /// </summary>
    public static double? RssAnonMiB(int pid) => StatusKiB(pid, "RssAnon:") is { } kib ? Math.Round(kib / 1024.0, 1) : null;

    /// <summary>The process's threads (<c>Threads:</c> in <c>/proc/PID/status</c>).</summary>
    public static long? Threads(int pid) => StatusValue(pid, "Threads:");

    /// <summary>Open file descriptors (sockets included): the entries of <c>/proc/PID/fd</c>.</summary>
    public static int? OpenFiles(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft limit on open files (<c>Max open files</c> in <c>/proc/PID/limits</c>); null when unlimited or unreadable.</summary>
    public static long? OpenFilesLimit(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var soft) ? soft : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static long? StatusKiB(int pid, string key) => StatusValue(pid, key);

    private static long? StatusValue(int pid, string key)
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
