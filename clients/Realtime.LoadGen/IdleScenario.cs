using System.Diagnostics;
using Realtime.Client;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;

namespace Realtime.LoadGen;

/// <summary>
/// N anonymous connections that connect, join one room (or nothing, <c>--join none</c>) and then
/// stay idle for the duration: no sends, only the protocol's keep-alive pings both ways and
/// whatever the server pushes on its own. Measures the server's memory per connection (RSS growth
/// over N), the CPU of connecting and of holding the connections, and how many stayed open.
/// Order: 20 warm-up connections opened and closed, a pause (<c>--warmup</c>), the "before"
/// reading, N connections opened, the same pause, then the hold (<c>--duration</c>) and the "end"
/// reading.
/// </summary>
internal sealed class IdleScenario
{
    /// <summary>Connections opened and closed first, so the connect and join paths are compiled before the "before" reading.</summary>
    private const int WarmupConnections = 20;

    private readonly ScenarioContext _context;
    private readonly LoadGenOptions _options;
    private readonly string _roomId = ScenarioContext.NewRoomId("lg-idle");
    private int _opened;
    private int _joined;
    private long _eventsDuringHold;
    private volatile bool _holding;
    private volatile string _phase = "warm-up";

    public IdleScenario(ScenarioContext context)
    {
        _context = context;
        _options = context.Options;
    }

    private bool JoinRoom => _options.Join == "room";

    public async Task<IdleResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = _context.Log;
        var pid = _context.SiloPid;
        var n = _options.Viewers;
        if (JoinRoom)
        {
            await _context.CreateRoomAsync(_roomId, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine($"{n} idle connections, joined to {(JoinRoom ? "room " + _roomId : "nothing")}, held {_options.DurationSeconds} s");
        var ownLimit = ProcessStats.OpenFilesLimit(Environment.ProcessId);
        var serverLimit = pid is { } p0 ? ProcessStats.OpenFilesLimit(p0) : null;
        foreach (var (who, limit) in new[] { ("this tool", ownLimit), ("the server", serverLimit) })
        {
            if (limit is { } l && l < n + 256)
            {
                log.WriteLine($"warning: {who} may open only {l} files; {n} connections need more (raise `ulimit -n` in the shell that runs this tool)");
            }
        }

        var connections = new RealtimeConnection?[n];
        await using var progress = new ProgressReporter(log, pid, () =>
            $"{_phase}: opened {Volatile.Read(ref _opened)}/{n}, joined {Volatile.Read(ref _joined)}, " +
            $"server RSS {(pid is { } p ? ProcessStats.RssMiB(p)?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a" : "n/a")} MiB, errors {_context.Errors.Total}");
        try
        {
            // Compile the connect and join paths on both sides, then let the server settle.
            var warm = new RealtimeConnection?[Math.Min(WarmupConnections, n)];
            await _context.ForEachAsync(warm.Length, (i, ct) => OpenAsync(warm, i, countOpened: false, ct), cancellationToken).ConfigureAwait(false);
            await _context.CloseAllAsync(warm).ConfigureAwait(false);
            _phase = "settling";
            await Task.Delay(TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken).ConfigureAwait(false);

            var rssBefore = pid is { } a ? ProcessStats.RssMiB(a) : null;
            var anonBefore = pid is { } b ? ProcessStats.RssAnonMiB(b) : null;
            var threadsBefore = pid is { } c ? ProcessStats.Threads(c) : null;
            var filesBefore = pid is { } d ? ProcessStats.OpenFiles(d) : null;
            var ownRssBefore = ProcessStats.RssMiB(Environment.ProcessId);

            _phase = "connecting";
            var connecting = new MeasurementWindow(pid);
            connecting.Begin();
            var connectStarted = Stopwatch.GetTimestamp();
            await _context.ForEachAsync(n, (i, ct) => OpenAsync(connections, i, countOpened: true, ct), cancellationToken).ConfigureAwait(false);
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
            connecting.End();
            var rssAfterConnect = pid is { } e ? ProcessStats.RssMiB(e) : null;

            // The burst of connects leaves the server compiling hot methods again (tiered JIT) and
            // collecting; the hold measures idle connections, not that.
            _phase = "settling";
            await Task.Delay(TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken).ConfigureAwait(false);

            _phase = "holding";
            var hold = new MeasurementWindow(pid);
            hold.Begin();
            _holding = true;
            await Task.Delay(TimeSpan.FromSeconds(_options.DurationSeconds), cancellationToken).ConfigureAwait(false);
            _holding = false;
            hold.End();

            var rssEnd = pid is { } f ? ProcessStats.RssMiB(f) : null;
            var anonEnd = pid is { } g ? ProcessStats.RssAnonMiB(g) : null;
            var peak = pid is { } h ? ProcessStats.PeakRssMiB(h) : null;
            var threadsEnd = pid is { } i2 ? ProcessStats.Threads(i2) : null;
            var filesEnd = pid is { } j ? ProcessStats.OpenFiles(j) : null;
            var ownRssEnd = ProcessStats.RssMiB(Environment.ProcessId);
            var openAtEnd = connections.Count(x => x?.State == RealtimeConnectionState.Connected);

            var opened = Volatile.Read(ref _opened);
            var holdSeconds = hold.Seconds;
            var connectCpu = connecting.SiloCpuSeconds;
            var holdCpu = hold.SiloCpuSeconds;
            return new IdleResult(
                Scenario: _options.Scenario,
                Server: _context.ServerName,
                Target: _context.BaseUri.ToString(),
                Join: _options.Join,
                Connections: n,
                Opened: opened,
                Joined: Volatile.Read(ref _joined),
                OpenAtEnd: openAtEnd,
                WarmupConnections: warm.Length,
                ConnectSeconds: Round(connectSeconds),
                ConnectsPerSecond: Math.Round(opened / connectSeconds, 1),
                HoldSeconds: Round(holdSeconds),
                RssBeforeMiB: rssBefore,
                RssAfterConnectMiB: rssAfterConnect,
                RssEndMiB: rssEnd,
                PeakRssMiB: peak,
                RssDeltaMiB: rssEnd - rssBefore is { } delta ? Math.Round(delta, 1) : null,
                KiBPerConnection: PerConnection(rssEnd - rssBefore, openAtEnd),
                RssAnonBeforeMiB: anonBefore,
                RssAnonEndMiB: anonEnd,
                AnonKiBPerConnection: PerConnection(anonEnd - anonBefore, openAtEnd),
                ThreadsBefore: threadsBefore,
                ThreadsEnd: threadsEnd,
                OpenFilesBefore: filesBefore,
                OpenFilesEnd: filesEnd,
                ServerOpenFilesLimit: serverLimit,
                LoadGenOpenFilesLimit: ownLimit,
                SiloCpuSecondsConnecting: connectCpu is { } cc ? Round(cc) : null,
                SiloCpuMsPerConnect: connectCpu is { } cc2 && opened > 0 ? Math.Round(cc2 * 1000 / opened, 3) : null,
                SiloCpuSecondsHold: holdCpu is { } hc ? Round(hc) : null,
                SiloCpuPercentOfOneCoreHold: holdCpu is { } hc2 ? Math.Round(hc2 * 100 / holdSeconds, 1) : null,
                SiloCpuMicrosecondsPerConnectionSecond: holdCpu is { } hc3 && openAtEnd > 0 ? Math.Round(hc3 * 1e6 / (openAtEnd * holdSeconds), 2) : null,
                EventsDuringHold: Interlocked.Read(ref _eventsDuringHold),
                LoadGenRssDeltaMiB: ownRssEnd - ownRssBefore is { } own ? Math.Round(own, 1) : null,
                LoadGenKiBPerConnection: PerConnection(ownRssEnd - ownRssBefore, openAtEnd),
                Errors: _context.Errors.Total,
                ErrorsByKind: _context.Errors.Snapshot(),
                MachineBusyPercent: hold.MachineBusyPercent,
                LoadAverageAtStart: connecting.LoadAtStart,
                LoadAverageAtEnd: hold.LoadAtEnd);
        }
        finally
        {
            _phase = "closing";
            await _context.CloseAllAsync(connections).ConfigureAwait(false);
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static double? PerConnection(double? deltaMiB, int connections)
        => deltaMiB is { } d && connections > 0 ? Math.Round(d * 1024 / connections, 2) : null;

    private async ValueTask OpenAsync(RealtimeConnection?[] connections, int index, bool countOpened, CancellationToken cancellationToken)
    {
        var connection = _context.CreateConnection(accessToken: null);

        // Anything the server pushes while the connections are meant to be idle (room counters).
        connection.On<RoomCounters>(HubEvents.RoomCounters, _ =>
        {
            if (_holding)
            {
                Interlocked.Increment(ref _eventsDuringHold);
            }
        });
        try
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            connections[index] = connection;
            if (countOpened)
            {
                Interlocked.Increment(ref _opened);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("connect", e);
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (!JoinRoom)
        {
            return;
        }

        try
        {
            await connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, [_roomId, null], cancellationToken).ConfigureAwait(false);
            if (countOpened)
            {
                Interlocked.Increment(ref _joined);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("join", e);
        }
    }
}
