using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Contracts.Hashtags;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Storage;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// One hashtag (key: the folded tag). Notes hand it their creation and their views; it counts each
/// note once, each view update once and each author once, all through dedupe keys in its log, which
/// are looked up before the turn only when memory cannot answer. Publishes <c>topicCounters</c> at
/// most four times a second and reports its totals to the trending grain at most once a second.
/// </summary>
public sealed class TopicGrain(
    [PersistentState(TopicGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<TopicState>> state,
    DurableGrainServices services,
    ILogger<TopicGrain> logger) : DurableGrain<TopicState>(state, services), ITopicGrain
{
    /// <summary>The topic's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "topic";

    /// <summary>How many latest notes a topic keeps.</summary>
    public const int LatestMax = 20;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CountersInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    // Note and view-update keys, and participant keys apart: many notes must not push authors out.
    private readonly DedupeIndex<long> _updates = new();
    private readonly DedupeIndex<long> _participants = new();
    private Committed _committed = new(0, 0, 0, 0);
    private TopicCounters? _sentCounters;
    private long _countersAt;
    private TrendingReport? _reported;
    private long _reportedAt;
    private bool _reporting;

    private string Tag => GrainKey;

    private TopicCounters Counters => new(Tag, State.Notes, State.Views, State.Participants);

    protected override string LogType => StateName;

    protected override Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        // Keys are not loaded: a topic with entries asks its log about keys it does not remember.
        _updates.Complete = State.LastSeq == 0;
        _participants.Complete = State.LastSeq == 0;
        _committed = new Committed(State.LastSeq, State.Notes, State.Views, State.Participants);
        _sentCounters = Counters;
        RegisterTick(OnTickAsync, Tick);
        return Task.CompletedTask;
    }

    protected override object? CaptureCommit() => new Committed(State.LastSeq, State.Notes, State.Views, State.Participants);

    protected override void OnCommitted(object? captured)
    {
        var committed = (Committed)captured!;
        if (committed.Seq >= _committed.Seq)
        {
            _committed = committed;
        }
    }

    async Task<TopicCounters> ITopicGrain.ApplyAsync(TopicUpdate update, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(update.NoteId) || update.Views < 0 || update.Id < 0)
        {
            throw RealtimeException.Invalid("a topic update needs a note id and no negative views");
        }

        var noteKey = "n/" + update.NoteId;
        var viewKey = "v/" + update.NoteId + "/" + update.Id;
        var participantKey = update.Note is null ? null : "p/" + update.Note.AuthorId;

        // Storage is asked before the turn, so a busy topic's turns never wait on it.
        var storedNote = update.Note is not null && update.Retry && _updates.NeedsLookup(noteKey) ? await FindLogAsync(noteKey, cancellationToken) : null;
        var storedView = update.Views > 0 && update.Retry && _updates.NeedsLookup(viewKey) ? await FindLogAsync(viewKey, cancellationToken) : null;
        var storedParticipant = participantKey is not null && _participants.NeedsLookup(participantKey) ? await FindLogAsync(participantKey, cancellationToken) : null;

        return await Run(() =>
        {
            var pendingSeq = 0L;
            var lastSeq = State.LastSeq;
            if (update.Note is { } note)
            {
                var seenAt = Seen(_updates, noteKey, storedNote);
                if (seenAt == 0)
                {
                    Append(_updates, noteKey, GrainJson.Serialize(note));
                    State.Notes++;
                    State.Latest.Insert(0, note);
                    if (State.Latest.Count > LatestMax)
                    {
                        State.Latest.RemoveAt(State.Latest.Count - 1);
                    }

                    if (Seen(_participants, participantKey!, storedParticipant) == 0)
                    {
                        Append(_participants, participantKey!, GrainJson.Serialize(new { userId = note.AuthorId }));
                        State.Participants++;
                    }
                }

                pendingSeq = Math.Max(pendingSeq, seenAt);
            }

            if (update.Views > 0)
            {
                var seenAt = Seen(_updates, viewKey, storedView);
                if (seenAt == 0)
                {
                    Append(_updates, viewKey, GrainJson.Serialize(new { noteId = update.NoteId, id = update.Id, views = update.Views }));
                    State.Views += update.Views;
                }

                pendingSeq = Math.Max(pendingSeq, seenAt);
            }

            // A new entry, or one seen before that is not durable yet: answer after the write that carries it.
            if (State.LastSeq > lastSeq || pendingSeq > _committed.Seq)
            {
                Commit();
            }

            return Counters;
        });
    }

    Task<TopicCounters> ITopicGrain.CountersAsync(CancellationToken cancellationToken) => Run(() => Counters);

    Task<TopicSnapshot?> ITopicGrain.SnapshotAsync(int latest, CancellationToken cancellationToken) => Run(() =>
        State.Notes == 0
            ? null
            : new TopicSnapshot(Tag, State.Notes, State.Views, State.Participants, State.Latest.Take(Math.Clamp(latest, 0, LatestMax)).ToList()));

    /// <summary>The seq a key was logged at (0 when new); a key found in storage is remembered.</summary>
    private static long Seen(DedupeIndex<long> index, string key, LogRecord? stored)
    {
        var seq = index.Resolve(key, stored, r => r.Seq);
        if (seq != 0 && !index.TryGet(key, out _))
        {
            index.Remember(key, seq);
        }

        return seq;
    }

    private void Append(DedupeIndex<long> index, string key, string payload)
    {
        var seq = ++State.LastSeq;
        AppendLog(new LogRecord(seq, key, payload));
        index.Remember(key, seq);
    }

    private Task OnTickAsync()
    {
        PruneRelays();
        // Only what is durable is announced. Mechanical rate limits, timed by the machine's clock.
        var counters = new TopicCounters(Tag, _committed.Notes, _committed.Views, _committed.Participants);
        var now = Environment.TickCount64;
        if (counters != _sentCounters && now - _countersAt >= CountersInterval.TotalMilliseconds)
        {
            _sentCounters = counters;
            _countersAt = now;
            Publish(Topics.Hashtag(Tag), HubEvents.TopicCounters, counters);
        }

        var report = new TrendingReport(Tag, _committed.Notes, _committed.Views);
        if (!_reporting && report.Notes + report.Views > 0 && report != _reported && now - _reportedAt >= ReportInterval.TotalMilliseconds)
        {
            _reporting = true;
            _reportedAt = now;
            _ = ReportAsync(report);
        }

        return Task.CompletedTask;
    }

    /// <summary>Reports outside the topic's turns; a failed report goes again on a later tick.</summary>
    private async Task ReportAsync(TrendingReport report)
    {
        try
        {
            await GrainFactory.GetGrain<ITrendingGrain>(TrendingGrain.Key).ReportAsync([report], CancellationToken.None);
            _reported = report;
        }
        catch (Exception e)
        {
            TopicLog.ReportFailed(logger, Tag, e);
        }
        finally
        {
            _reporting = false;
        }
    }

    private sealed record Committed(long Seq, long Notes, long Views, long Participants);
}
