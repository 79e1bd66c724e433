using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Realtime.Client;
using Realtime.Contracts.Hashtags;

namespace Realtime.LoadGen;

/// <summary>
/// A topic surge replayed in compressed time: S notes into one hashtag and O notes spread over T
/// other hashtags, posted over REST by A authors with U requests in flight, while viewers record
/// V views of the accepted notes over the hub. A watcher follows the trending list; for every
/// <c>trending</c> event it measures how long ago the surge topic's shown note count had been
/// accepted (the list's lag). Afterwards it checks each topic's exact counts against what was sent.
/// </summary>
internal sealed class TopicSurgeScenario(ScenarioContext context)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);
    private const int ViewerConnections = 8;

    private readonly LoadGenOptions _options = context.Options;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly LatencyHistogram _createMs = new();
    private readonly LatencyHistogram _trendingLagMs = new();
    private readonly LatencyHistogram _countersLagMs = new();
    private readonly ConcurrentBag<(string NoteId, int Topic)> _accepted = [];
    private long[] _surgeAcceptedAt = [];
    private long _surgeAccepted;
    private long _othersAccepted;
    private long _viewsSent;
    private long _next;
    private long _finalTrendingAt;
    private readonly TaskCompletionSource _finalTrending = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _phase = "preparing";

    private string SurgeTag => "surge" + _run;

    private string OtherTag(int i) => "topic" + i.ToString(CultureInfo.InvariantCulture) + "x" + _run;

    public async Task<TopicSurgeResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = context.Log;
        var total = _options.SurgeNotes + _options.OtherNotes;
        _surgeAcceptedAt = new long[_options.SurgeNotes + 1];
        var tags = new[] { SurgeTag }.Concat(Enumerable.Range(0, _options.OtherTopics).Select(OtherTag)).ToArray();
        var notesSent = new long[tags.Length];
        var viewsSent = new long[tags.Length];
        var authorsOf = tags.Select(_ => new ConcurrentDictionary<int, bool>()).ToArray();
        log.WriteLine($"#{SurgeTag}: {_options.SurgeNotes} notes; {_options.OtherNotes} more over {_options.OtherTopics} topics; {_options.Authors} authors; {_options.Views} views");
        await using var progress = new ProgressReporter(log, context.SiloPid, () =>
            $"{_phase}: surge {Interlocked.Read(ref _surgeAccepted)}/{_options.SurgeNotes}, others {Interlocked.Read(ref _othersAccepted)}/{_options.OtherNotes}, views {Interlocked.Read(ref _viewsSent)}/{_options.Views}, errors {context.Errors.Total}");

        var tokens = await context.TokensAsync("lg-surge-" + _run, _options.Authors, cancellationToken).ConfigureAwait(false);
        var watcher = await context.ConnectClientAsync(null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the trending watcher could not connect");
        var viewers = new RealtimeClient?[ViewerConnections];
        try
        {
            watcher.OnTrending(OnTrending);
            watcher.OnTopicCounters(OnTopicCounters);
            await watcher.WatchTrendingAsync(cancellationToken).ConfigureAwait(false);
            await watcher.WatchTopicAsync(SurgeTag, cancellationToken).ConfigureAwait(false);
            await context.ForEachAsync(ViewerConnections, async (i, ct) => viewers[i] = await context.ConnectClientAsync(null, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

            _phase = "posting";
            var window = new MeasurementWindow(context.SiloPid);
            window.Begin();
            var started = Stopwatch.GetTimestamp();
            // Surge and other notes interleave in proportion, so both grow through the whole run.
            var senders = Enumerable.Range(0, _options.Users).Select(_ => Task.Run(async () =>
            {
                long n;
                while ((n = Interlocked.Increment(ref _next) - 1) < total)
                {
                    var topic = TopicOf(n, total);
                    var author = (int)(n % _options.Authors);
                    if (await PostAsync(tags, topic, author, tokens[author], n, cancellationToken).ConfigureAwait(false) is { } noteId)
                    {
                        Interlocked.Increment(ref notesSent[topic]);
                        authorsOf[topic].TryAdd(author, true);
                        _accepted.Add((noteId, topic));
                    }
                }
            }, cancellationToken)).ToList();
            var viewing = viewers.OfType<RealtimeClient>().Select((viewer, i) => Task.Run(() => ViewAsync(viewer, i, viewsSent, cancellationToken), cancellationToken)).ToList();
            await Task.WhenAll(senders).ConfigureAwait(false);
            var postSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.WhenAll(viewing).ConfigureAwait(false);
            window.End();
            var lastSurgeAt = _surgeAcceptedAt[Interlocked.Read(ref _surgeAccepted)];

            _phase = "settling";
            var topics = await SettleAsync(tags, notesSent, viewsSent, authorsOf, cancellationToken).ConfigureAwait(false);
            try
            {
                // The list follows the topics by up to two report intervals.
                await _finalTrending.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }

            var finalLag = Interlocked.Read(ref _finalTrendingAt) is var at and > 0 && lastSurgeAt > 0
                ? Math.Round(Stopwatch.GetElapsedTime(lastSurgeAt, at).TotalMilliseconds, 1)
                : (double?)null;
            var trending = await context.Rest.GetTrendingAsync(TrendingWindows.Hour, cancellationToken).ConfigureAwait(false);
            var accepted = Interlocked.Read(ref _surgeAccepted) + Interlocked.Read(ref _othersAccepted);
            return new TopicSurgeResult(
                Scenario: _options.Scenario,
                Target: context.BaseUri.ToString(),
                SurgeTag: SurgeTag,
                NotesSent: total,
                NotesAccepted: accepted,
                ViewsSent: Interlocked.Read(ref _viewsSent),
                Authors: _options.Authors,
                InFlight: _options.Users,
                PostSeconds: Math.Round(postSeconds, 3),
                NotesPerSecond: Math.Round(accepted / postSeconds, 1),
                CreateMs: _createMs.Summarize(),
                Topics: topics,
                Exact: topics.All(t => t.Exact),
                SurgeTopsTrending: trending.Topics.FirstOrDefault()?.Tag == SurgeTag,
                TrendingLagMs: _trendingLagMs.Summarize(),
                TrendingFinalLagMs: finalLag,
                TopicCountersLagMs: _countersLagMs.Summarize(),
                Errors: context.Errors.Total,
                ErrorsByKind: context.Errors.Snapshot(),
                SiloCpuSeconds: window.SiloCpuSeconds is { } cpu ? Math.Round(cpu, 3) : null,
                LoadGenCpuSeconds: window.LoadGenCpuSeconds is { } own ? Math.Round(own, 3) : null);
        }
        finally
        {
            _phase = "closing";
            await context.CloseAllAsync(viewers.Append(watcher)).ConfigureAwait(false);
        }
    }

    /// <summary>Note n's topic: 0 (the surge) for its share of the run, else one of the others in turn.</summary>
    private int TopicOf(long n, long total)
    {
        if (_options.OtherNotes == 0 || _options.OtherTopics == 0)
        {
            return 0;
        }

        // The first SurgeNotes of every "total" slots, spread evenly.
        var surgeBefore = n * _options.SurgeNotes / total;
        var surgeAfter = (n + 1) * _options.SurgeNotes / total;
        return surgeAfter > surgeBefore ? 0 : 1 + (int)(n % _options.OtherTopics);
    }

    private async Task<string?> PostAsync(string[] tags, int topic, int author, string token, long n, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                var note = await context.Rest.CreateNoteAsync(
                    $"Day {n.ToString(CultureInfo.InvariantCulture)} #{tags[topic]}", "Replayed by the load generator.", token, cancellationToken: cancellationToken).ConfigureAwait(false);
                _createMs.RecordTicks(Stopwatch.GetTimestamp() - sent);
                if (topic == 0)
                {
                    var count = Interlocked.Increment(ref _surgeAccepted);
                    _surgeAcceptedAt[count] = Stopwatch.GetTimestamp();
                }
                else
                {
                    Interlocked.Increment(ref _othersAccepted);
                }

                return note.NoteId;
            }
            catch (RealtimeApiException e) when ((int)e.StatusCode == 503)
            {
                // A new note id each time: a retried create is a new note, so only a refusal is retried.
                context.Errors.Add("unavailable (retried)", e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                context.Errors.Add("create", e);
                return null;
            }
        }

        return null;
    }

    private async Task ViewAsync(RealtimeClient viewer, int index, long[] viewsSent, CancellationToken cancellationToken)
    {
        var random = new Random(20260101 + index);
        var share = _options.Views / ViewerConnections + (index < _options.Views % ViewerConnections ? 1 : 0);
        var notes = Array.Empty<(string NoteId, int Topic)>();
        for (var i = 0; i < share; i++)
        {
            // Views follow the notes accepted so far (the surge draws them as it grows).
            if (notes.Length == 0 || i % 256 == 0)
            {
                while ((notes = _accepted.ToArray()).Length == 0)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }
            }

            var (noteId, topic) = notes[random.Next(notes.Length)];
            try
            {
                await viewer.RecordViewAsync(noteId, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref viewsSent[topic]);
                Interlocked.Increment(ref _viewsSent);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                context.Errors.Add("view", e);
            }
        }
    }

    private void OnTrending(TrendingList list)
    {
        if (list.Window != TrendingWindows.Hour || list.Topics.FirstOrDefault(t => t.Tag == SurgeTag) is not { } row)
        {
            return;
        }

        Lag(_trendingLagMs, row.Notes);
        if (row.Notes >= _options.SurgeNotes)
        {
            Interlocked.CompareExchange(ref _finalTrendingAt, Stopwatch.GetTimestamp(), 0);
            _finalTrending.TrySetResult();
        }
    }

    private void OnTopicCounters(TopicCounters counters)
    {
        if (counters.Tag == SurgeTag)
        {
            Lag(_countersLagMs, counters.Notes);
        }
    }

    /// <summary>How long ago the <paramref name="notes"/>-th surge note was accepted.</summary>
    private void Lag(LatencyHistogram histogram, long notes)
    {
        if (notes > 0 && notes < _surgeAcceptedAt.Length && Volatile.Read(ref _surgeAcceptedAt[notes]) is var at and > 0)
        {
            histogram.RecordTicks(Stopwatch.GetTimestamp() - at);
        }
    }

    /// <summary>Reads every topic until its counts match what was sent (or the settle time is up).</summary>
    private async Task<IReadOnlyList<TopicSurgeCounts>> SettleAsync(
        string[] tags, long[] notesSent, long[] viewsSent, ConcurrentDictionary<int, bool>[] authorsOf, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleTimeout.TotalSeconds * Stopwatch.Frequency);
        var results = new TopicSurgeCounts[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            var expected = (Notes: notesSent[i], Views: viewsSent[i], Participants: (long)authorsOf[i].Count);
            var started = Stopwatch.GetTimestamp();
            TopicSnapshot? topic = null;
            while (true)
            {
                try
                {
                    topic = await context.Rest.GetTopicAsync(tags[i], cancellationToken).ConfigureAwait(false);
                }
                catch (RealtimeApiException e) when ((int)e.StatusCode == 404)
                {
                }

                var matched = topic is not null && (topic.Notes, topic.Views, topic.Participants) == expected;
                if (matched || Stopwatch.GetTimestamp() > deadline)
                {
                    break;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            results[i] = new TopicSurgeCounts(
                tags[i], expected.Notes, topic?.Notes ?? 0, expected.Views, topic?.Views ?? 0, expected.Participants, topic?.Participants ?? 0,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
        }

        return results;
    }
}
