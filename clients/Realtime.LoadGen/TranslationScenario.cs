using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Realtime.Client;
using Realtime.Contracts.Rooms;

namespace Realtime.LoadGen;

/// <summary>
/// One room, N anonymous viewers reading a mix of languages (round-robin over <c>--languages</c>),
/// and one signed-in sender per language of the built-in chat replaying it at R lines a second.
/// The texts carry no stamp (that would defeat the cache); viewers note when each line's
/// <c>chat</c> and <c>chatTranslated</c> arrive, by seq. Around the replay the silo's
/// <c>/metrics</c> is read, so the provider requests, (text, target) pairs and characters the silo
/// sent can be compared with what a naive translator would send: one request per viewer reading
/// another language, per line.
/// </summary>
internal sealed class TranslationScenario
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    private static readonly Dictionary<string, string> WarmupTemplates = new(StringComparer.Ordinal)
    {
        ["en"] = "warm-up line {0}: the cooking stream starts in a moment",
        ["es"] = "línea de calentamiento {0}: el directo de cocina empieza enseguida",
        ["zh-Hans"] = "热身消息{0}：美食直播马上开始",
    };

    private readonly ScenarioContext _context;
    private readonly LoadGenOptions _options;
    private readonly string _roomId = ScenarioContext.NewRoomId("lg-tr");
    private readonly IReadOnlyList<ReplayLine> _replay = ChatReplay.Lines;
    private readonly string[] _languages;
    private readonly int _capacity;
    private readonly Viewer[] _viewers;
    private readonly ConcurrentDictionary<long, LineInfo> _lines = new();
    private readonly long[] _sentAt;
    private long _chats;
    private long _translations;
    private long _lastTranslationAt;
    private long _sent;
    private long _acked;
    private long _outOfRange;
    private int _joined;
    private volatile string _phase = "connecting";

    public TranslationScenario(ScenarioContext context)
    {
        _context = context;
        _options = context.Options;
        _languages = [.. _options.Languages];
        _capacity = (int)Math.Ceiling(_options.Rate * (_options.WarmupSeconds + _options.DurationSeconds + 2)) + 1024;
        _viewers = new Viewer[_options.Viewers];
        _sentAt = new long[_capacity];
    }

    public async Task<TranslationResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = _context.Log;
        await _context.CreateRoomAsync(_roomId, cancellationToken).ConfigureAwait(false);
        var replayLines = (int)Math.Round(_options.Rate * _options.DurationSeconds);
        log.WriteLine($"room {_roomId}: {_options.Viewers} viewers reading {string.Join(", ", _languages)}; " +
            $"replaying {replayLines} lines ({_replay.Count} in the built-in chat) at {_options.Rate} lines/s");

        var clients = new RealtimeClient?[_options.Viewers];
        var senders = new Dictionary<string, RealtimeClient>(StringComparer.Ordinal);
        long lastTranslations = 0;
        await using var progress = new ProgressReporter(log, _context.SiloPid, () =>
        {
            var translations = Interlocked.Read(ref _translations);
            var delta = translations - lastTranslations;
            lastTranslations = translations;
            return $"{_phase}: viewers {Volatile.Read(ref _joined)}/{_options.Viewers} joined, sent {Interlocked.Read(ref _sent)}, acked {Interlocked.Read(ref _acked)}, " +
                $"chat deliveries {Interlocked.Read(ref _chats)}, translations {translations} (+{delta}), errors {_context.Errors.Total}";
        });

        try
        {
            var connectStarted = Stopwatch.GetTimestamp();
            await _context.ForEachAsync(_options.Viewers, (i, ct) => OpenViewerAsync(clients, i, ct), cancellationToken).ConfigureAwait(false);
            foreach (var language in _replay.Select(l => l.Language).Append("en").Distinct(StringComparer.Ordinal))
            {
                var token = await _context.Rest.GetDevTokenAsync($"{_roomId}-sender-{language}", "lg " + language, language, cancellationToken).ConfigureAwait(false);
                var sender = _context.CreateClient(token);
                await sender.ConnectAsync(cancellationToken).ConfigureAwait(false);
                senders[language] = sender;
            }

            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;

            // Warm-up: numbered lines no replayed line repeats, so the cache starts cold for the replay
            // while the JIT, the translator pipelines and the connections warm up.
            _phase = "warm-up";
            var warmupCount = (int)Math.Round(_options.Rate * _options.WarmupSeconds);
            var warmupLanguages = WarmupTemplates.Keys.Where(senders.ContainsKey).ToArray();
            await SendScheduleAsync(warmupCount, k =>
            {
                var language = warmupLanguages[k % warmupLanguages.Length];
                return (senders[language], "w" + k.ToString(CultureInfo.InvariantCulture),
                    string.Format(CultureInfo.InvariantCulture, WarmupTemplates[language], k), null);
            }, cancellationToken).ConfigureAwait(false);
            _phase = "quiet";
            await QuietAsync(cancellationToken).ConfigureAwait(false);

            var before = await SiloMetrics.ReadAsync(_context, cancellationToken).ConfigureAwait(false);
            var pipelinesBefore = _context.SiloPid is { } p0 ? ProcessStats.DescendantsCpuSeconds(p0) : null;
            var window = new MeasurementWindow(_context.SiloPid);
            window.Begin();
            _phase = "replaying";
            var replayStarted = Stopwatch.GetTimestamp();
            var measured = new ConcurrentBag<long>();
            await SendScheduleAsync(replayLines, k =>
            {
                var line = _replay[k % _replay.Count];
                var sender = senders.TryGetValue(line.Language, out var s) ? s : senders["en"];
                return (sender, "r" + k.ToString(CultureInfo.InvariantCulture), line.Text, measured);
            }, cancellationToken).ConfigureAwait(false);
            var replaySeconds = Stopwatch.GetElapsedTime(replayStarted).TotalSeconds;

            _phase = "settling";
            await QuietAsync(cancellationToken).ConfigureAwait(false);
            window.End();
            var pipelinesAfter = _context.SiloPid is { } p1 ? ProcessStats.DescendantsCpuSeconds(p1) : null;
            var after = await SiloMetrics.ReadAsync(_context, cancellationToken).ConfigureAwait(false);
            var rss = _context.SiloPid is { } pid ? ProcessStats.RssMiB(pid) : null;

            var figures = Analyse([.. measured.Order()], before, after);
            var cpu = window.SiloCpuSeconds;
            var lines = figures.Lines;
            return new TranslationResult(
                Scenario: _options.Scenario,
                Target: _context.BaseUri.ToString(),
                Viewers: _options.Viewers,
                ViewersJoined: Volatile.Read(ref _joined),
                ViewersByLanguage: figures.ViewersByLanguage,
                Rate: _options.Rate,
                ReplayLines: replayLines,
                LinesAcked: lines,
                ReplaySeconds: Round(replaySeconds),
                WindowSeconds: Round(window.Seconds),
                ConnectSeconds: Round(connectSeconds),
                NaivePairs: figures.Naive.Pairs,
                NaiveCharacters: figures.Naive.Characters,
                NoProviderPairs: figures.NoProvider.Pairs,
                NoProviderCharacters: figures.NoProvider.Characters,
                SkippedPairs: figures.Skipped.Pairs,
                SkippedCharacters: figures.Skipped.Characters,
                TranslatedPairs: figures.Translated.Pairs,
                TranslatedCharacters: figures.Translated.Characters,
                PerLanguagePairs: figures.PerLanguage.Pairs,
                PerLanguageCharacters: figures.PerLanguage.Characters,
                DistinctPairs: figures.Distinct.Pairs,
                DistinctCharacters: figures.Distinct.Characters,
                ProviderRequests: (long)figures.Provider.Requests,
                ProviderPairs: (long)figures.Provider.Pairs,
                ProviderCharacters: (long)figures.Provider.Characters,
                ProviderFailures: (long)figures.Provider.Failures,
                ProviderRequestsPerLine: lines > 0 ? Math.Round(figures.Provider.Requests / lines, 3) : 0,
                ProviderCharactersPerLine: lines > 0 ? Math.Round(figures.Provider.Characters / lines, 1) : 0,
                NaiveRequestsPerLine: lines > 0 ? Math.Round(figures.Naive.Pairs / (double)lines, 1) : 0,
                NaiveCharactersPerLine: lines > 0 ? Math.Round(figures.Naive.Characters / (double)lines, 1) : 0,
                ByProvider: figures.ByProvider,
                CacheMemoryHits: (long)figures.Cache.Memory,
                CacheStorageHits: (long)figures.Cache.Storage,
                CacheMisses: (long)figures.Cache.Misses,
                CacheHitRate: figures.Cache.HitRate,
                CacheHitRateWhereProvided: figures.Cache.Memory + figures.Cache.Storage + figures.Provider.Pairs is var provided and > 0
                    ? Math.Round((figures.Cache.Memory + figures.Cache.Storage) / provided, 3)
                    : 0,
                SkippedBySilo: (long)figures.Cache.Skipped,
                MissesWithoutProvider: (long)Math.Max(0, figures.Cache.Misses - figures.Provider.Pairs),
                UnsupportedPairs: figures.Unsupported,
                Pairs: figures.PairRows,
                UntranslatedTexts: figures.Untranslated,
                TranslationDelayMs: figures.Delay,
                TranslationDelayByLanguageMs: figures.DelayByLanguage,
                SendToTranslationMs: figures.SendToTranslation,
                TranslationsDelivered: figures.Delivered,
                TranslationsMissingAtSomeViewers: figures.MissingAtViewers,
                TranslationsDuplicated: figures.Duplicated,
                TranslationsBeforeOriginal: figures.BeforeOriginal,
                OriginalsMissing: figures.OriginalsMissing,
                TranslationsInWrongLanguage: _viewers.Where(v => v is not null).Sum(v => (long)v.WrongLanguage),
                Errors: _context.Errors.Total,
                ErrorsByKind: _context.Errors.Snapshot(),
                SiloCpuSeconds: cpu is { } c ? Round(c) : null,
                SiloCpuSecondsPerLine: cpu is { } c2 && lines > 0 ? Math.Round(c2 / lines, 5) : null,
                TranslatorProcessesCpuSeconds: pipelinesAfter - pipelinesBefore is { } tp ? Round(tp) : null,
                SiloRssMiB: rss,
                LoadGenCpuSeconds: window.LoadGenCpuSeconds is { } own ? Round(own) : null,
                MachineBusyPercent: window.MachineBusyPercent,
                LoadAverageAtStart: window.LoadAtStart,
                LoadAverageAtEnd: window.LoadAtEnd);
        }
        finally
        {
            _phase = "closing";
            await _context.CloseAllAsync(clients.Concat(senders.Values)).ConfigureAwait(false);
        }
    }

    private static double Round(double value) => Math.Round(value, 3);

    /// <summary>True when a reader of <paramref name="reader"/> reads text in <paramref name="source"/> as is (Chinese scripts differ).</summary>
    private static bool ReadsAsIs(string? source, string reader)
    {
        if (source is null)
        {
            return false;
        }

        static string Base(string tag) => (tag.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? tag[..dash] : tag).ToLowerInvariant();
        static bool Traditional(string tag)
        {
            var t = tag.ToLowerInvariant();
            return t.Contains("hant", StringComparison.Ordinal) || t.EndsWith("-tw", StringComparison.Ordinal) || t.EndsWith("-hk", StringComparison.Ordinal);
        }

        return Base(source) == Base(reader) && (Base(source) != "zh" || Traditional(source) == Traditional(reader));
    }

    private async ValueTask OpenViewerAsync(RealtimeClient?[] clients, int index, CancellationToken cancellationToken)
    {
        var language = _languages[index % _languages.Length];
        var viewer = new Viewer(language, _capacity);
        _viewers[index] = viewer;
        var client = await _context.ConnectClientAsync(accessToken: null, cancellationToken, c =>
        {
            c.OnChat(message => OnChat(viewer, message));
            c.OnChatTranslated(translated => OnTranslated(viewer, translated));
        }).ConfigureAwait(false);
        if (client is null)
        {
            return;
        }

        clients[index] = client;

        try
        {
            await client.SetLanguageAsync(language, cancellationToken).ConfigureAwait(false);
            await client.JoinRoomAsync(_roomId, cancellationToken: cancellationToken).ConfigureAwait(false);
            viewer.Joined = true;
            Interlocked.Increment(ref _joined);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("join", e);
        }
    }

    private void OnChat(Viewer viewer, ChatMessage message)
    {
        var now = Stopwatch.GetTimestamp();
        if (message.RoomId != _roomId)
        {
            return;
        }

        Interlocked.Increment(ref _chats);
        _lines.TryAdd(message.Seq, new LineInfo(message.Language, message.Text.Length, message.Text));
        if (message.Seq >= 0 && message.Seq < _capacity)
        {
            viewer.ChatAt[message.Seq] = now;
        }
        else
        {
            Interlocked.Increment(ref _outOfRange);
        }
    }

    private void OnTranslated(Viewer viewer, ChatTranslated translated)
    {
        var now = Stopwatch.GetTimestamp();
        if (translated.RoomId != _roomId)
        {
            return;
        }

        Interlocked.Increment(ref _translations);
        Interlocked.Exchange(ref _lastTranslationAt, now);
        if (translated.Language != viewer.Language)
        {
            viewer.WrongLanguage++;
        }

        if (translated.Seq >= 0 && translated.Seq < _capacity)
        {
            viewer.TranslatedAt[translated.Seq] = now;
            viewer.TranslatedCount[translated.Seq]++;
        }
        else
        {
            Interlocked.Increment(ref _outOfRange);
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> lines on a fixed schedule of R a second (catching up after a
    /// late wake-up), never waiting for acks; the acked seqs of replayed lines are collected.
    /// </summary>
    private async Task SendScheduleAsync(
        int count,
        Func<int, (RealtimeClient Sender, string ClientMessageId, string Text, ConcurrentBag<long>? Measured)> line,
        CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / _options.Rate;
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(count);
        for (var k = 0; k < count; k++)
        {
            var wait = start + (long)(k * interval) - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
            }

            var (sender, id, text, measured) = line(k);
            pending.Add(SendOneAsync(sender, id, text, measured, cancellationToken));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Task.WhenAll(pending).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _context.Log.WriteLine("acks still missing 10 s after the last line");
        }
    }

    private async Task SendOneAsync(RealtimeClient sender, string clientMessageId, string text, ConcurrentBag<long>? measured, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var ack = await sender.SendChatAsync(_roomId, clientMessageId, text, cancellationToken: cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _acked);
            if (ack.Seq >= 0 && ack.Seq < _capacity)
            {
                _sentAt[ack.Seq] = started;
                measured?.Add(ack.Seq);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _context.Errors.Add("send", e);
        }
    }

    /// <summary>Waits until no translation has arrived for <see cref="QuietFor"/> (at most <see cref="SettleTimeout"/>).</summary>
    private async Task QuietAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _lastTranslationAt, started, 0);
        while (Stopwatch.GetTimestamp() - started < SettleTimeout.TotalSeconds * Stopwatch.Frequency)
        {
            var last = Math.Max(Interlocked.Read(ref _lastTranslationAt), started);
            if (Stopwatch.GetElapsedTime(last).TotalSeconds >= QuietFor.TotalSeconds)
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        _context.Log.WriteLine($"translations were still arriving {SettleTimeout.TotalSeconds:0} s after the last line");
    }

    private Figures Analyse(long[] seqs, SiloMetrics before, SiloMetrics after)
    {
        var viewers = _viewers.Where(v => v is { Joined: true }).ToArray();
        var byLanguage = _languages.Distinct(StringComparer.Ordinal).ToDictionary(l => l, l => viewers.Count(v => v.Language == l), StringComparer.Ordinal);

        // The pairs the silo found no provider for (a gauge: everything since the silo started).
        var unsupported = after.Samples
            .Where(s => s.Key.StartsWith("realtime_translation_unsupported_pair{", StringComparison.Ordinal) && s.Value > 0)
            .Select(s => new LanguagePair(SiloMetrics.LabelOf(s.Key, "source") ?? "?", SiloMetrics.LabelOf(s.Key, "target") ?? "?"))
            .ToHashSet();

        // Which (line, language) the silo translated: any viewer of that language got it.
        var translatedFor = new HashSet<(long Seq, string Language)>();
        foreach (var viewer in viewers)
        {
            foreach (var seq in seqs)
            {
                if (viewer.TranslatedCount[seq] > 0)
                {
                    translatedFor.Add((seq, viewer.Language));
                }
            }
        }

        var naive = new Tally();
        var noProvider = new Tally();
        var skipped = new Tally();
        var translated = new Tally();
        var perLanguage = new Tally();
        var rows = new Dictionary<LanguagePair, PairRow>();
        var untranslated = new SortedSet<string>(StringComparer.Ordinal);
        var distinct = new Dictionary<(string Text, string Language), int>();
        foreach (var seq in seqs)
        {
            if (!_lines.TryGetValue(seq, out var info))
            {
                continue;
            }

            foreach (var (language, count) in byLanguage)
            {
                if (count == 0 || ReadsAsIs(info.Language, language))
                {
                    continue;
                }

                var pair = new LanguagePair(info.Language ?? "auto", language);
                var row = rows.TryGetValue(pair, out var r) ? r : new PairRow(pair.Source, pair.Target, !unsupported.Contains(pair), 0, 0, 0, 0);
                naive.Add(count, info.Characters);
                var done = translatedFor.Contains((seq, language));
                if (unsupported.Contains(pair))
                {
                    noProvider.Add(count, info.Characters);
                }
                else if (!done)
                {
                    skipped.Add(count, info.Characters);
                    untranslated.Add($"{pair.Source}->{pair.Target}: {info.Text}");
                }
                else
                {
                    translated.Add(count, info.Characters);
                    perLanguage.Add(1, info.Characters);
                    distinct[(info.Text, language)] = info.Characters;
                }

                rows[pair] = row with
                {
                    Lines = row.Lines + 1,
                    NaivePairs = row.NaivePairs + count,
                    NaiveCharacters = row.NaiveCharacters + ((long)count * info.Characters),
                    LinesTranslated = row.LinesTranslated + (done ? 1 : 0),
                };
            }
        }

        // Delays, completeness and duplicates at the viewers.
        var delay = new LatencyHistogram();
        var sendToTranslation = new LatencyHistogram();
        var delayByLanguage = byLanguage.Keys.ToDictionary(l => l, _ => new LatencyHistogram(), StringComparer.Ordinal);
        long delivered = 0, missingAtViewers = 0, duplicated = 0, beforeOriginal = 0, originalsMissing = 0;
        var sentAt = _sentAt;
        foreach (var viewer in viewers)
        {
            foreach (var seq in seqs)
            {
                if (viewer.ChatAt[seq] == 0)
                {
                    originalsMissing++;
                }

                var count = viewer.TranslatedCount[seq];
                if (count == 0)
                {
                    if (translatedFor.Contains((seq, viewer.Language)))
                    {
                        missingAtViewers++;
                    }

                    continue;
                }

                delivered++;
                duplicated += count - 1;
                var at = viewer.TranslatedAt[seq];
                if (viewer.ChatAt[seq] is var chatAt and > 0)
                {
                    if (at < chatAt)
                    {
                        beforeOriginal++;
                    }

                    delay.RecordTicks(at - chatAt);
                    delayByLanguage[viewer.Language].RecordTicks(at - chatAt);
                }

                if (sentAt[seq] > 0)
                {
                    sendToTranslation.RecordTicks(at - sentAt[seq]);
                }
            }
        }

        var requests = after.ByLabel("realtime_translation_provider_requests_total", "provider");
        var pairs = after.ByLabel("realtime_translation_provider_pairs_total", "provider");
        var characters = after.ByLabel("realtime_translation_provider_characters_total", "provider");
        var failures = after.ByLabel("realtime_translation_provider_failures_total", "provider");
        var requestsBefore = before.ByLabel("realtime_translation_provider_requests_total", "provider");
        var pairsBefore = before.ByLabel("realtime_translation_provider_pairs_total", "provider");
        var charactersBefore = before.ByLabel("realtime_translation_provider_characters_total", "provider");
        var failuresBefore = before.ByLabel("realtime_translation_provider_failures_total", "provider");
        var byProvider = new SortedDictionary<string, ProviderFigures>(StringComparer.Ordinal);
        foreach (var name in requests.Keys)
        {
            byProvider[name] = new ProviderFigures(
                (long)(requests[name] - requestsBefore.GetValueOrDefault(name)),
                (long)(pairs.GetValueOrDefault(name) - pairsBefore.GetValueOrDefault(name)),
                (long)(characters.GetValueOrDefault(name) - charactersBefore.GetValueOrDefault(name)),
                (long)(failures.GetValueOrDefault(name) - failuresBefore.GetValueOrDefault(name)));
        }

        var memory = after.Get("realtime_translation_cache_memory_hits_total") - before.Get("realtime_translation_cache_memory_hits_total");
        var storage = after.Get("realtime_translation_cache_storage_hits_total") - before.Get("realtime_translation_cache_storage_hits_total");
        var misses = after.Get("realtime_translation_cache_misses_total") - before.Get("realtime_translation_cache_misses_total");
        var skippedBySilo = after.Get("realtime_translation_skipped_total") - before.Get("realtime_translation_skipped_total");
        var lookups = memory + storage + misses;

        return new Figures(
            seqs.Length,
            byLanguage,
            naive.ToFigures(),
            noProvider.ToFigures(),
            skipped.ToFigures(),
            translated.ToFigures(),
            perLanguage.ToFigures(),
            (byProvider.Values.Sum(p => p.Requests), byProvider.Values.Sum(p => p.Pairs), byProvider.Values.Sum(p => p.Characters), byProvider.Values.Sum(p => p.Failures)),
            byProvider,
            (memory, storage, misses, skippedBySilo, lookups > 0 ? Math.Round((memory + storage) / lookups, 3) : 0),
            [.. unsupported.Select(p => $"{p.Source}->{p.Target}").Order(StringComparer.Ordinal)],
            [.. rows.Values.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal)],
            [.. untranslated],
            new PairCount(distinct.Count, distinct.Values.Sum(c => (long)c)),
            delay.Summarize(),
            new SortedDictionary<string, LatencySummary>(delayByLanguage.ToDictionary(kv => kv.Key, kv => kv.Value.Summarize()), StringComparer.Ordinal),
            sendToTranslation.Summarize(),
            delivered,
            missingAtViewers,
            duplicated,
            beforeOriginal,
            originalsMissing + Interlocked.Read(ref _outOfRange));
    }

    private sealed record LineInfo(string? Language, int Characters, string Text);

    private readonly record struct LanguagePair(string Source, string Target);

    private sealed class Tally
    {
        public long Pairs { get; private set; }

        public long Characters { get; private set; }

        public void Add(int pairs, int characters)
        {
            Pairs += pairs;
            Characters += (long)pairs * characters;
        }

        public PairCount ToFigures() => new(Pairs, Characters);
    }

    private sealed record Figures(
        int Lines,
        Dictionary<string, int> ViewersByLanguage,
        PairCount Naive,
        PairCount NoProvider,
        PairCount Skipped,
        PairCount Translated,
        PairCount PerLanguage,
        (double Requests, double Pairs, double Characters, double Failures) Provider,
        SortedDictionary<string, ProviderFigures> ByProvider,
        (double Memory, double Storage, double Misses, double Skipped, double HitRate) Cache,
        string[] Unsupported,
        PairRow[] PairRows,
        string[] Untranslated,
        PairCount Distinct,
        LatencySummary Delay,
        SortedDictionary<string, LatencySummary> DelayByLanguage,
        LatencySummary SendToTranslation,
        long Delivered,
        long MissingAtViewers,
        long Duplicated,
        long BeforeOriginal,
        long OriginalsMissing);

    /// <summary>What one viewer received, by seq (written on its connection's event loop only).</summary>
    private sealed class Viewer(string language, int capacity)
    {
        public string Language { get; } = language;

        public bool Joined { get; set; }

        public long[] ChatAt { get; } = new long[capacity];

        public long[] TranslatedAt { get; } = new long[capacity];

        public int[] TranslatedCount { get; } = new int[capacity];

        public int WrongLanguage { get; set; }
    }
}

/// <summary>(text, viewer or language) pairs and their characters.</summary>
internal sealed record PairCount(long Pairs, long Characters);

/// <summary>One provider's work in the window.</summary>
internal sealed record ProviderFigures(long Requests, long Pairs, long Characters, long Failures);

/// <summary>One (source, reader) language pair of the replay: lines, what a naive translator would send, and how many lines the silo translated.</summary>
internal sealed record PairRow(string Source, string Target, bool Provided, long Lines, long NaivePairs, long NaiveCharacters, long LinesTranslated);
