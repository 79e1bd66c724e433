using System.Diagnostics;
using System.Globalization;
using Realtime.Client;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;

namespace Realtime.LoadGen;

/// <summary>
/// One room, N anonymous viewers and S signed-in senders sending R lines a second in total. Each
/// line carries its send time (<c>t=</c> Stopwatch ticks of this process), so viewers measure the
/// end-to-end latency on receipt: send call, hub, room grain, durable append, fan-out, client.
/// Viewers are bare connections that count every <c>chat</c> event on the wire and note the ones
/// whose seq is not above the last one they saw (out of order or repeated), so the same code
/// measures our silo and the plain-SignalR baseline, which does not order concurrent lines.
/// </summary>
internal sealed class HotRoomScenario
{
    private const int MaxInFlightPerSender = 1000;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly ScenarioContext _context;
    private readonly LoadGenOptions _options;
    private readonly LatencyHistogram _latency = new();
    private readonly LatencyHistogram _acks = new();
    private readonly long[] _perViewer;
    private readonly long[] _lastSeq;
    private readonly bool[] _viewerJoined;
    private readonly string _roomId = ScenarioContext.NewRoomId("lg-hot");
    private long _deliveries;
    private long _outOfOrder;
    private long _measuredDeliveries;
    private long _sent;
    private long _measuredSent;
    private long _acked;
    private int _inFlight;
    private int _joined;
    private int _sendersReady;
    private volatile bool _measuring;
    private volatile string _phase = "connecting";

    public HotRoomScenario(ScenarioContext context)
    {
        _context = context;
        _options = context.Options;
        _perViewer = new long[_options.Viewers];
        _lastSeq = new long[_options.Viewers];
        _viewerJoined = new bool[_options.Viewers];
    }

    public async Task<HotRoomResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = _context.Log;
        await _context.CreateRoomAsync(_roomId, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"room {_roomId}: {_options.Viewers} viewers, {_options.Senders} senders, {_options.Rate} lines/s");

        var viewers = new RealtimeConnection?[_options.Viewers];
        var senders = new RealtimeClient?[_options.Senders];
        long lastDeliveries = 0;
        await using var progress = new ProgressReporter(log, _context.SiloPid, () =>
        {
            var deliveries = Interlocked.Read(ref _deliveries);
            var delta = deliveries - lastDeliveries;
            lastDeliveries = deliveries;
            return $"{_phase}: viewers {Volatile.Read(ref _joined)}/{_options.Viewers} joined, senders {Volatile.Read(ref _sendersReady)}/{_options.Senders}, " +
                $"sent {Interlocked.Read(ref _sent)}, acked {Interlocked.Read(ref _acked)}, deliveries {deliveries} (+{delta}), errors {_context.Errors.Total}";
        });

        try
        {
            var connectStarted = Stopwatch.GetTimestamp();
            await _context.ForEachAsync(_options.Viewers, (i, ct) => OpenViewerAsync(viewers, i, ct), cancellationToken).ConfigureAwait(false);
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;

            var tokens = await _context.TokensAsync(_roomId + "-sender", _options.Senders, cancellationToken).ConfigureAwait(false);
            await _context.ForEachAsync(_options.Senders, (i, ct) => OpenSenderAsync(senders, tokens[i], i, ct), cancellationToken).ConfigureAwait(false);

            using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var perSender = _options.Rate / _options.Senders;
            var loops = new List<Task>();
            for (var i = 0; i < senders.Length; i++)
            {
                if (senders[i] is { } sender)
                {
                    loops.Add(RunSenderAsync(sender, i, perSender, stopSending.Token, cancellationToken));
                }
            }

            _phase = "warm-up";
            await Task.Delay(TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken).ConfigureAwait(false);

            var window = new MeasurementWindow(_context.SiloPid);
            _phase = "measuring";
            await window.MeasureAsync(TimeSpan.FromSeconds(_options.DurationSeconds), measuring => _measuring = measuring, cancellationToken)
                .ConfigureAwait(false);
            var memory = SiloMemory.Read(_context.SiloPid);

            _phase = "draining";
            await stopSending.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);
            var missing = await DrainAsync(cancellationToken).ConfigureAwait(false);

            var seconds = window.Seconds;
            var deliveries = Interlocked.Read(ref _measuredDeliveries);
            var cpu = window.SiloCpuSeconds;
            return new HotRoomResult(
                Scenario: _options.Scenario,
                Server: _context.ServerName,
                Target: _context.BaseUri.ToString(),
                Viewers: _options.Viewers,
                ViewersJoined: Volatile.Read(ref _joined),
                Senders: _options.Senders,
                Rate: _options.Rate,
                MeasuredSeconds: Round(seconds),
                ConnectSeconds: Round(connectSeconds),
                MessagesSent: Interlocked.Read(ref _measuredSent),
                SendRate: Round(Interlocked.Read(ref _measuredSent) / seconds),
                Deliveries: deliveries,
                DeliveriesPerSecond: Round(deliveries / seconds),
                ExpectedDeliveriesPerSecond: Round(_options.Rate * _options.Viewers),
                EndToEndLatencyMs: _latency.Summarize(),
                SendAckLatencyMs: _acks.Summarize(),
                MessagesAckedTotal: Interlocked.Read(ref _acked),
                MissingDeliveries: missing,
                OutOfOrderDeliveries: Interlocked.Read(ref _outOfOrder),
                Errors: _context.Errors.Total,
                ErrorsByKind: _context.Errors.Snapshot(),
                SiloCpuSeconds: cpu is { } c ? Round(c) : null,
                SiloCpuSecondsPer1000Deliveries: cpu is { } c2 && deliveries > 0 ? Math.Round(c2 * 1000 / deliveries, 5) : null,
                DeliveriesPerSiloCpuSecond: cpu is { } c4 && c4 > 0 ? Math.Round(deliveries / c4, 0) : null,
                SiloCpuPercentOfOneCore: cpu is { } c3 ? Math.Round(c3 * 100 / seconds, 1) : null,
                SiloRssMiB: memory.RssMiB,
                SiloPeakRssMiB: memory.PeakRssMiB,
                LoadGenCpuSeconds: window.LoadGenCpuSeconds is { } own ? Round(own) : null,
                MachineBusyPercent: window.MachineBusyPercent,
                LoadAverageAtStart: window.LoadAtStart,
                LoadAverageAtEnd: window.LoadAtEnd);
        }
        finally
        {
            _phase = "closing";
            await _context.CloseAllAsync(viewers.Cast<IAsyncDisposable?>().Concat(senders)).ConfigureAwait(false);
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>Reads the <c>t=</c> stamp at the start of a line this generator sent.</summary>
    private static bool TryReadStamp(string? text, out long ticks)
    {
        ticks = 0;
        if (text is null || !text.StartsWith("t=", StringComparison.Ordinal))
        {
            return false;
        }

        var span = text.AsSpan(2);
        var end = span.IndexOf(' ');
        return long.TryParse(end < 0 ? span : span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out ticks);
    }

    private async ValueTask OpenViewerAsync(RealtimeConnection?[] viewers, int index, CancellationToken cancellationToken)
    {
        var client = _context.CreateConnection(accessToken: null);
        client.On<ChatMessage>(HubEvents.Chat, message => OnChat(index, message));
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            viewers[index] = client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("connect", e);
            await client.DisposeAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await client.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, [_roomId, null], cancellationToken).ConfigureAwait(false);
            _viewerJoined[index] = true;
            Interlocked.Increment(ref _joined);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("join", e);
        }
    }

    private async ValueTask OpenSenderAsync(RealtimeClient?[] senders, string token, int index, CancellationToken cancellationToken)
    {
        if (await _context.ConnectClientAsync(token, cancellationToken).ConfigureAwait(false) is { } client)
        {
            senders[index] = client;
            Interlocked.Increment(ref _sendersReady);
        }
    }

    private void OnChat(int viewer, ChatMessage message)
    {
        var now = Stopwatch.GetTimestamp();
        if (message.RoomId != _roomId || !TryReadStamp(message.Text, out var sentAt))
        {
            return;
        }

        // One viewer's events arrive on its own loop, one at a time: its last seq has one writer.
        if (message.Seq <= _lastSeq[viewer])
        {
            Interlocked.Increment(ref _outOfOrder);
        }
        else
        {
            _lastSeq[viewer] = message.Seq;
        }

        Interlocked.Increment(ref _perViewer[viewer]);
        Interlocked.Increment(ref _deliveries);
        if (_measuring)
        {
            Interlocked.Increment(ref _measuredDeliveries);
            _latency.RecordTicks(now - sentAt);
        }
    }

    /// <summary>Sends on a fixed schedule (catching up after a late wake-up), never waiting for acks.</summary>
    private async Task RunSenderAsync(RealtimeClient sender, int index, double rate, CancellationToken stop, CancellationToken run)
    {
        // Senders are spread evenly over one interval so the room sees a steady stream.
        var pending = await FixedRateSchedule.RunAsync(rate, index, _options.Senders, n =>
        {
            if (Volatile.Read(ref _inFlight) >= MaxInFlightPerSender * _options.Senders)
            {
                _context.Errors.Add("send:backlog");
                return null;
            }

            return SendOneAsync(sender, index, n, run);
        }, stop).ConfigureAwait(false);
        await pending.WaitAsync(_context.Log, $"sender {index}: acks still missing 10 s after the last send").ConfigureAwait(false);
    }

    private async Task SendOneAsync(RealtimeClient sender, int index, long n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _sent);
        if (_measuring)
        {
            Interlocked.Increment(ref _measuredSent);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await sender.SendChatAsync(_roomId, $"m{index}-{n}", BuildText(started, index, n), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            Interlocked.Increment(ref _acked);
            if (_measuring)
            {
                _acks.RecordTicks(Stopwatch.GetTimestamp() - started);
            }
        }
        catch (Exception e)
        {
            _context.Errors.Add("send", e);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private string BuildText(long stamp, int sender, long n)
    {
        Span<char> buffer = stackalloc char[Math.Max(_options.TextLength, 64)];
        buffer.TryWrite(CultureInfo.InvariantCulture, $"t={stamp} m{sender}-{n} ", out var written);
        buffer[written..].Fill('x');
        return new string(buffer[..Math.Max(written + 1, _options.TextLength)].TrimEnd());
    }

    /// <summary>Waits until every joined viewer has every acknowledged line; returns the deliveries still missing.</summary>
    private async Task<long> DrainAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var acked = Interlocked.Read(ref _acked);
            long missing = 0;
            for (var i = 0; i < _viewerJoined.Length; i++)
            {
                if (_viewerJoined[i])
                {
                    missing += Math.Max(0, acked - Interlocked.Read(ref _perViewer[i]));
                }
            }

            if (missing == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                return missing;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
