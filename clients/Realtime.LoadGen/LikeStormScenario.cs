using System.Diagnostics;
using System.Net.Http.Json;
using Realtime.Client;
using Realtime.Contracts.Rooms;

namespace Realtime.LoadGen;

/// <summary>
/// One room, N signed-in viewers each tapping T likes a second, sent as <c>Like(roomId, count)</c>
/// every 100 ms like a phone app batches taps. Checks that the room's final like counter equals
/// the taps the hub accepted.
/// </summary>
internal sealed class LikeStormScenario
{
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    private readonly ScenarioContext _context;
    private readonly LoadGenOptions _options;
    private readonly LatencyHistogram _calls = new();
    private readonly string _roomId = ScenarioContext.NewRoomId("lg-likes");
    private long _callsMade;
    private long _measuredCalls;
    private long _tapsSent;
    private long _measuredTapsSent;
    private long _accepted;
    private long _measuredAccepted;
    private long _rejected;
    private long _counterLikes = -1;
    private long _counterEvents;
    private long _measuredCounterEvents;
    private int _joined;
    private volatile bool _measuring;
    private volatile string _phase = "connecting";

    public LikeStormScenario(ScenarioContext context)
    {
        _context = context;
        _options = context.Options;
    }

    public async Task<LikeStormResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = _context.Log;
        await _context.CreateRoomAsync(_roomId, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"room {_roomId}: {_options.Viewers} viewers tapping {_options.Taps} likes/s each");

        var viewers = new RealtimeClient?[_options.Viewers];
        long lastAccepted = 0;
        await using var progress = new ProgressReporter(log, _context.SiloPid, () =>
        {
            var accepted = Interlocked.Read(ref _accepted);
            var delta = accepted - lastAccepted;
            lastAccepted = accepted;
            return $"{_phase}: viewers {Volatile.Read(ref _joined)}/{_options.Viewers} joined, like calls {Interlocked.Read(ref _callsMade)}, " +
                $"taps accepted {accepted} (+{delta}), counter {Interlocked.Read(ref _counterLikes)}, errors {_context.Errors.Total}";
        });

        try
        {
            var tokens = await _context.TokensAsync(_roomId + "-v", _options.Viewers, cancellationToken).ConfigureAwait(false);
            await _context.ForEachAsync(_options.Viewers, (i, ct) => OpenViewerAsync(viewers, tokens[i], i, ct), cancellationToken)
                .ConfigureAwait(false);

            using var stopTapping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tapping = RunTappingAsync(viewers, stopTapping.Token, cancellationToken);

            _phase = "warm-up";
            await Task.Delay(TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken).ConfigureAwait(false);
            var window = new MeasurementWindow(_context.SiloPid);
            _phase = "measuring";
            await window.MeasureAsync(TimeSpan.FromSeconds(_options.DurationSeconds), measuring => _measuring = measuring, cancellationToken)
                .ConfigureAwait(false);
            var memory = SiloMemory.Read(_context.SiloPid);

            _phase = "settling";
            await stopTapping.CancelAsync().ConfigureAwait(false);
            await tapping.ConfigureAwait(false);
            var counterLikes = await SettleAsync(cancellationToken).ConfigureAwait(false);
            var accepted = Interlocked.Read(ref _accepted);
            var roomLikes = await RoomLikesAsync(cancellationToken).ConfigureAwait(false);
            var directoryLikes = await DirectoryLikesAsync(accepted, cancellationToken).ConfigureAwait(false);

            var seconds = window.Seconds;
            var calls = Interlocked.Read(ref _measuredCalls);
            var cpu = window.SiloCpuSeconds;
            return new LikeStormResult(
                Scenario: _options.Scenario,
                Target: _context.BaseUri.ToString(),
                Viewers: _options.Viewers,
                ViewersJoined: Volatile.Read(ref _joined),
                TapsPerViewer: _options.Taps,
                MeasuredSeconds: Round(seconds),
                LikeCalls: calls,
                LikeCallsPerSecond: Round(calls / seconds),
                TapsSentPerSecond: Round(Interlocked.Read(ref _measuredTapsSent) / seconds),
                TapsAcceptedPerSecond: Round(Interlocked.Read(ref _measuredAccepted) / seconds),
                ExpectedTapsPerSecond: Round(_options.Taps * _options.Viewers),
                LikeCallLatencyMs: _calls.Summarize(),
                TapsAcceptedTotal: accepted,
                TapsRejectedTotal: Interlocked.Read(ref _rejected),
                FinalCounterLikes: counterLikes,
                RoomLikes: roomLikes,
                DirectoryLikes: directoryLikes,
                LikesMatch: counterLikes == accepted && roomLikes == accepted,
                CounterEventsPerSecond: Round(Interlocked.Read(ref _measuredCounterEvents) / seconds),
                Errors: _context.Errors.Total,
                ErrorsByKind: _context.Errors.Snapshot(),
                SiloCpuSeconds: cpu is { } c ? Round(c) : null,
                SiloCpuSecondsPer1000LikeCalls: cpu is { } c2 && calls > 0 ? Math.Round(c2 * 1000 / calls, 5) : null,
                SiloCpuPercentOfOneCore: cpu is { } c3 ? Math.Round(c3 * 100 / seconds, 1) : null,
                SiloRssMiB: memory.RssMiB,
                SiloPeakRssMiB: memory.PeakRssMiB,
                LoadGenCpuSeconds: window.LoadGenCpuSeconds is { } own ? Round(own) : null);
        }
        finally
        {
            _phase = "closing";
            await _context.CloseAllAsync(viewers).ConfigureAwait(false);
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    private async ValueTask OpenViewerAsync(RealtimeClient?[] viewers, string token, int index, CancellationToken cancellationToken)
    {
        // One viewer watches the counters; every viewer gets them, but one is enough to check.
        if (await _context.OpenViewerAsync(viewers, index, token, _roomId, cancellationToken, index == 0 ? c => c.OnRoomCounters(OnCounters) : null).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _joined);
        }
    }

    private void OnCounters(RoomCounters counters)
    {
        if (counters.RoomId != _roomId)
        {
            return;
        }

        Interlocked.Exchange(ref _counterLikes, counters.Likes);
        Interlocked.Increment(ref _counterEvents);
        if (_measuring)
        {
            Interlocked.Increment(ref _measuredCounterEvents);
        }
    }

    /// <summary>
    /// Every 100 ms each viewer sends the taps it made since the last batch. Viewer i taps with a
    /// phase of i/N of a tap, so the room sees exactly N x T taps a second, spread over the viewers.
    /// </summary>
    private async Task RunTappingAsync(RealtimeClient?[] viewers, CancellationToken stop, CancellationToken run)
    {
        var perBatch = _options.Taps * BatchWindow.TotalSeconds;
        var pending = new PendingCalls();
        using var timer = new PeriodicTimer(BatchWindow);
        long batch = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                for (var i = 0; i < viewers.Length; i++)
                {
                    if (viewers[i] is not { } viewer)
                    {
                        continue;
                    }

                    var phase = (double)i / viewers.Length;
                    var taps = (int)(Math.Floor((perBatch * (batch + 1)) + phase) - Math.Floor((perBatch * batch) + phase));
                    if (taps > 0)
                    {
                        pending.Add(LikeAsync(viewer, Math.Min(taps, 100), run));
                    }
                }

                batch++;
                pending.RemoveCompleted();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await pending.WaitAsync(_context.Log, "like calls still unanswered 10 s after the last batch").ConfigureAwait(false);
    }

    private async Task LikeAsync(RealtimeClient viewer, int taps, CancellationToken cancellationToken)
    {
        var measuring = _measuring;
        Interlocked.Increment(ref _callsMade);
        Interlocked.Add(ref _tapsSent, taps);
        if (measuring)
        {
            Interlocked.Increment(ref _measuredCalls);
            Interlocked.Add(ref _measuredTapsSent, taps);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await viewer.LikeAsync(_roomId, taps, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _accepted, taps);
            if (measuring)
            {
                Interlocked.Add(ref _measuredAccepted, taps);
                _calls.RecordTicks(Stopwatch.GetTimestamp() - started);
            }
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _rejected, taps);
            _context.Errors.Add("like", e);
        }
    }

    /// <summary>Waits for the room's counter to reach the accepted taps; returns the last counter seen (null if none).</summary>
    private async Task<long?> SettleAsync(CancellationToken cancellationToken)
    {
        var accepted = Interlocked.Read(ref _accepted);
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref _counterLikes) != accepted && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var seen = Interlocked.Read(ref _counterLikes);
        return seen < 0 ? null : seen;
    }

    /// <summary>The room's own answer (<c>GET /api/rooms/{roomId}</c>, read from the room grain).</summary>
    private async Task<long?> RoomLikesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var summary = await _context.Http.GetFromJsonAsync(
                "api/rooms/" + _roomId, LoadGenJsonContext.Default.RoomSummary, cancellationToken).ConfigureAwait(false);
            return summary?.Likes;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
        {
            _context.Errors.Add("rest", e);
            return null;
        }
    }

    /// <summary>
    /// The room list (<c>GET /api/rooms</c>) is refreshed by each room at most once a second, so it
    /// is given a few seconds to catch up; returns what it shows last.
    /// </summary>
    private async Task<long?> DirectoryLikesAsync(long accepted, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleTimeout.TotalSeconds * Stopwatch.Frequency);
        long? likes = null;
        try
        {
            while (true)
            {
                var rooms = await _context.Rest.ListRoomsAsync(1000, cancellationToken).ConfigureAwait(false);
                likes = rooms.FirstOrDefault(r => r.RoomId == _roomId)?.Likes;
                if (likes == accepted || Stopwatch.GetTimestamp() > deadline)
                {
                    return likes;
                }

                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or RealtimeApiException)
        {
            _context.Errors.Add("rest", e);
            return likes;
        }
    }
}
