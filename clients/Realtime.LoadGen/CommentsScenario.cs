using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Realtime.Client;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;

namespace Realtime.LoadGen;

/// <summary>
/// K notes whose authors are connected (each author's one connection also watches its note), and
/// U signed-in commenters posting R comments a second in total, spread round-robin over the notes.
/// Each comment's text starts with its send time (<c>t=</c> Stopwatch ticks), which the author's
/// notification quotes in its preview, so the author measures comment -> notification latency on
/// receipt: the PostComment call, the note's commit (comment and outbox together), the hand-off to
/// the author's inbox, the inbox's commit, the publish and the .NET client. At the end every
/// acknowledged comment must have produced exactly one notification, live and in GetInbox.
/// </summary>
internal sealed class CommentsScenario
{
    /// <summary>The issue's goal: p99 comment -> notification latency at 500 comments/s on one silo.</summary>
    public const double GoalP99Ms = 20;

    private const int MaxInFlight = 20_000;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly ScenarioContext _context;
    private readonly LoadGenOptions _options;
    private readonly LatencyHistogram _notifications = new();
    private readonly LatencyHistogram _commentEvents = new();
    private readonly LatencyHistogram _acks = new();
    private readonly LatencyHistogram _ackToNotification = new();
    private readonly string _run = ScenarioContext.NewRoomId("lg-notes");
    private readonly Author[] _authors;
    private long _sent;
    private long _measuredSent;
    private long _acked;
    private long _measuredAcked;
    private long _notified;
    private long _measuredNotified;
    private long _unstamped;
    private long _otherKinds;
    private long _notifiedBeforeAck;
    private int _inFlight;
    private int _authorsReady;
    private int _commentersReady;
    private volatile bool _measuring;
    private volatile string _phase = "connecting";

    public CommentsScenario(ScenarioContext context)
    {
        _context = context;
        _options = context.Options;
        _authors = new Author[_options.Notes];
    }

    public async Task<CommentsResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = _context.Log;
        var commenters = new RealtimeClient?[_options.Users];
        long lastNotified = 0;
        await using var progress = new ProgressReporter(log, _context.SiloPid, () =>
        {
            var notified = Interlocked.Read(ref _notified);
            var delta = notified - lastNotified;
            lastNotified = notified;
            return $"{_phase}: authors {Volatile.Read(ref _authorsReady)}/{_options.Notes}, commenters {Volatile.Read(ref _commentersReady)}/{_options.Users}, " +
                $"sent {Interlocked.Read(ref _sent)}, acked {Interlocked.Read(ref _acked)}, notifications {notified} (+{delta}), errors {_context.Errors.Total}";
        });

        try
        {
            var connectStarted = Stopwatch.GetTimestamp();
            var authorTokens = await _context.TokensAsync(_run + "-author", _options.Notes, cancellationToken).ConfigureAwait(false);
            await _context.ForEachAsync(_options.Notes, (i, ct) => OpenAuthorAsync(i, authorTokens[i], ct), cancellationToken).ConfigureAwait(false);
            if (_authors.Any(a => a?.Client is null))
            {
                throw new InvalidOperationException("not every note could be created and watched by its author; see the errors above");
            }

            log.WriteLine($"{_options.Notes} notes ({string.Join(", ", _authors.Select(a => a.NoteId))}), {_options.Users} commenters, {_options.Rate} comments/s");
            var tokens = await _context.TokensAsync(_run + "-c", _options.Users, cancellationToken).ConfigureAwait(false);
            await _context.ForEachAsync(_options.Users, (i, ct) => OpenCommenterAsync(commenters, tokens[i], i, ct), cancellationToken).ConfigureAwait(false);
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;

            using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var perCommenter = _options.Rate / _options.Users;
            var loops = new List<Task>();
            for (var i = 0; i < commenters.Length; i++)
            {
                if (commenters[i] is { } commenter)
                {
                    loops.Add(RunCommenterAsync(commenter, i, perCommenter, stopSending.Token, cancellationToken));
                }
            }

            _phase = "warm-up";
            await Task.Delay(TimeSpan.FromSeconds(_options.WarmupSeconds), cancellationToken).ConfigureAwait(false);

            var metricsBefore = await SiloMetrics.ReadAsync(_context, cancellationToken).ConfigureAwait(false);
            var window = new MeasurementWindow(_context.SiloPid);
            _phase = "measuring";
            await window.MeasureAsync(TimeSpan.FromSeconds(_options.DurationSeconds), measuring => _measuring = measuring, cancellationToken)
                .ConfigureAwait(false);
            var metricsAfter = await SiloMetrics.ReadAsync(_context, cancellationToken).ConfigureAwait(false);
            var memory = SiloMemory.Read(_context.SiloPid);

            _phase = "draining";
            await stopSending.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);
            await DrainAsync(cancellationToken).ConfigureAwait(false);

            _phase = "checking inboxes";
            var check = await CheckInboxesAsync(cancellationToken).ConfigureAwait(false);

            var seconds = window.Seconds;
            var acked = Interlocked.Read(ref _measuredAcked);
            var cpu = window.SiloCpuSeconds;
            var writes = SiloMetrics.Histogram(metricsBefore, metricsAfter, "realtime_storage_write_seconds");
            var commits = SiloMetrics.Histogram(metricsBefore, metricsAfter, "realtime_grain_commit_seconds");
            var notificationLatency = _notifications.Summarize();
            return new CommentsResult(
                Scenario: _options.Scenario,
                Target: _context.BaseUri.ToString(),
                Notes: _options.Notes,
                Users: _options.Users,
                CommentersConnected: Volatile.Read(ref _commentersReady),
                Rate: _options.Rate,
                MeasuredSeconds: Round(seconds),
                ConnectSeconds: Round(connectSeconds),
                CommentsSent: Interlocked.Read(ref _measuredSent),
                SendRate: Round(Interlocked.Read(ref _measuredSent) / seconds),
                CommentsAcked: acked,
                AckedPerSecond: Round(acked / seconds),
                NotificationsPerSecond: Round(Interlocked.Read(ref _measuredNotified) / seconds),
                NotificationLatencyMs: notificationLatency,
                CommentEventLatencyMs: _commentEvents.Summarize(),
                AckLatencyMs: _acks.Summarize(),
                AckToNotificationMs: _ackToNotification.Summarize(),
                NotifiedBeforeAck: Interlocked.Read(ref _notifiedBeforeAck),
                GoalP99Ms: GoalP99Ms,
                GoalMet: notificationLatency.Count > 0 && notificationLatency.P99 <= GoalP99Ms && acked / seconds >= _options.Rate * 0.98,
                CommentsSentTotal: Interlocked.Read(ref _sent),
                CommentsAckedTotal: Interlocked.Read(ref _acked),
                LiveNotificationsTotal: Interlocked.Read(ref _notified),
                LiveMissing: check.LiveMissing,
                LiveDuplicated: check.LiveDuplicated,
                InboxExactlyOnce: check.ExactlyOnce,
                InboxMissing: check.Missing,
                InboxDuplicated: check.Duplicated,
                InboxWithoutAck: check.WithoutAck,
                EveryAckNotifiedOnce: check.Missing == 0 && check.Duplicated == 0 && check.LiveMissing == 0 && check.LiveDuplicated == 0
                    && check.ExactlyOnce == Interlocked.Read(ref _acked),
                UnexpectedNotifications: Interlocked.Read(ref _otherKinds) + Interlocked.Read(ref _unstamped),
                Errors: _context.Errors.Total,
                ErrorsByKind: _context.Errors.Snapshot(),
                StorageWrites: writes,
                StorageWritesPerComment: acked > 0 ? Math.Round(writes.Count / (double)acked, 3) : null,
                GrainCommits: commits,
                SiloCpuSeconds: cpu is { } c ? Round(c) : null,
                SiloCpuSecondsPer1000Comments: cpu is { } c2 && acked > 0 ? Math.Round(c2 * 1000 / acked, 4) : null,
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
            await _context.CloseAllAsync(commenters.Concat(_authors.Select(a => a?.Client))).ConfigureAwait(false);
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    private async ValueTask OpenAuthorAsync(int index, string token, CancellationToken cancellationToken)
    {
        Note note;
        try
        {
            note = await _context.Rest.CreateNoteAsync(
                "Load generator note " + index.ToString(CultureInfo.InvariantCulture), "Comments welcome.", token, "en", cancellationToken).ConfigureAwait(false);
        }
        catch (RealtimeApiException e)
        {
            _context.Errors.Add("create-note", e);
            return;
        }

        var author = new Author(note.NoteId);
        _authors[index] = author;
        var client = await _context.ConnectClientAsync(token, cancellationToken, c =>
        {
            c.OnNotification(item => OnNotification(author, item));
            c.OnComment(comment => OnComment(author, comment));
        }, _options.AuthorTarget).ConfigureAwait(false);
        if (client is null)
        {
            return;
        }

        try
        {
            await client.WatchNoteAsync(note.NoteId, cancellationToken: cancellationToken).ConfigureAwait(false);
            author.Client = client;
            Interlocked.Increment(ref _authorsReady);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("watch", e);
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask OpenCommenterAsync(RealtimeClient?[] commenters, string token, int index, CancellationToken cancellationToken)
    {
        if (await _context.ConnectClientAsync(token, cancellationToken).ConfigureAwait(false) is { } client)
        {
            commenters[index] = client;
            Interlocked.Increment(ref _commentersReady);
        }
    }

    private void OnNotification(Author author, InboxItem item)
    {
        var now = Stopwatch.GetTimestamp();
        if (item.Kind != InboxKinds.Comment || item.NoteId != author.NoteId || item.CommentId is null)
        {
            Interlocked.Increment(ref _otherKinds);
            return;
        }

        author.Live.AddOrUpdate(item.CommentId, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _notified);
        if (!_measuring)
        {
            return;
        }

        Interlocked.Increment(ref _measuredNotified);
        if (author.Acked.TryGetValue(item.CommentId, out var ackedAt))
        {
            _ackToNotification.RecordTicks(now - ackedAt);
        }
        else
        {
            // The author's connection heard of the comment before the commenter's did of its ack.
            Interlocked.Increment(ref _notifiedBeforeAck);
            _ackToNotification.Record(0);
        }

        if (Stamp.TryReadQuoted(item.Preview, out var sentAt))
        {
            _notifications.RecordTicks(now - sentAt);
        }
        else
        {
            Interlocked.Increment(ref _unstamped);
        }
    }

    private void OnComment(Author author, Comment comment)
    {
        var now = Stopwatch.GetTimestamp();
        if (_measuring && comment.NoteId == author.NoteId && Stamp.TryRead(comment.Text, out var sentAt))
        {
            _commentEvents.RecordTicks(now - sentAt);
        }
    }

    /// <summary>Posts on a fixed schedule (catching up after a late wake-up), never waiting for acks; comment k goes to note (index + k) mod K.</summary>
    private async Task RunCommenterAsync(RealtimeClient commenter, int index, double rate, CancellationToken stop, CancellationToken run)
    {
        var pending = await FixedRateSchedule.RunAsync(rate, index, _options.Users, n =>
        {
            if (Volatile.Read(ref _inFlight) >= MaxInFlight)
            {
                _context.Errors.Add("send:backlog");
                return null;
            }

            var author = _authors[(int)((index + n) % _authors.Length)];
            return PostOneAsync(commenter, author, index, n, run);
        }, stop).ConfigureAwait(false);
        await pending.WaitAsync(_context.Log, $"commenter {index}: acks still missing 10 s after the last comment").ConfigureAwait(false);
    }

    private async Task PostOneAsync(RealtimeClient commenter, Author author, int index, long n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _sent);
        if (_measuring)
        {
            Interlocked.Increment(ref _measuredSent);
        }

        var started = Stopwatch.GetTimestamp();
        var tag = string.Create(CultureInfo.InvariantCulture, $"c{index}-{n}");
        try
        {
            var ack = await commenter.PostCommentAsync(author.NoteId, tag, Stamp.Text(started, tag, _options.TextLength), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            author.Acked.TryAdd(ack.CommentId, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _acked);
            if (_measuring)
            {
                Interlocked.Increment(ref _measuredAcked);
                _acks.RecordTicks(Stopwatch.GetTimestamp() - started);
            }
        }
        catch (Exception e)
        {
            _context.Errors.Add("comment", e);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Waits until every author has been notified live of every acknowledged comment on its note.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (_authors.Any(a => a.Acked.Keys.Any(id => !a.Live.ContainsKey(id))) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads each author's whole inbox (GetInbox, 200 at a time) and compares its comment items with the acks.</summary>
    private async Task<InboxCheck> CheckInboxesAsync(CancellationToken cancellationToken)
    {
        long exactlyOnce = 0, missing = 0, duplicated = 0, withoutAck = 0, liveMissing = 0, liveDuplicated = 0;
        foreach (var author in _authors)
        {
            liveMissing += author.Acked.Keys.Count(id => !author.Live.ContainsKey(id));
            liveDuplicated += author.Live.Values.Count(n => n > 1);

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            long since = 0;
            try
            {
                while (true)
                {
                    var page = await author.Client!.GetInboxAsync(since, 200, cancellationToken).ConfigureAwait(false);
                    if (page.Items.Count == 0)
                    {
                        break;
                    }

                    foreach (var item in page.Items)
                    {
                        if (item.Kind == InboxKinds.Comment && item.NoteId == author.NoteId && item.CommentId is { } id)
                        {
                            counts[id] = counts.GetValueOrDefault(id) + 1;
                        }
                    }

                    since = page.Items[^1].Seq;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _context.Errors.Add("inbox", e);
            }

            foreach (var id in author.Acked.Keys)
            {
                switch (counts.GetValueOrDefault(id))
                {
                    case 0:
                        missing++;
                        break;
                    case 1:
                        exactlyOnce++;
                        break;
                    default:
                        duplicated++;
                        break;
                }
            }

            withoutAck += counts.Keys.Count(id => !author.Acked.ContainsKey(id));
        }

        return new InboxCheck(exactlyOnce, missing, duplicated, withoutAck, liveMissing, liveDuplicated);
    }

    private sealed record InboxCheck(long ExactlyOnce, long Missing, long Duplicated, long WithoutAck, long LiveMissing, long LiveDuplicated);

    /// <summary>A note and its author's connection; what was acknowledged on it and what the author was told.</summary>
    private sealed class Author(string noteId)
    {
        public string NoteId { get; } = noteId;

        public RealtimeClient? Client { get; set; }

        /// <summary>Acknowledged comment ids and when the ack arrived (Stopwatch ticks).</summary>
        public ConcurrentDictionary<string, long> Acked { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, int> Live { get; } = new(StringComparer.Ordinal);
    }
}
