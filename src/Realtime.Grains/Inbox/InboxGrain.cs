using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Grains.Events;
using Realtime.Storage;

namespace Realtime.Grains.Inbox;

/// <summary>
/// A user's inbox. Comments, replies and mentions become items at once and durably, once per
/// delivery key. Likes and collects of one target gather into one unread item: the first one
/// shows at once, later ones are folded in every couple of seconds ("Ann and 23 others liked
/// your note"), so a like storm costs the inbox one event per target per flush. A gathered
/// reaction is durable (its key and the pending count) before its delivery is answered, because
/// the note drops it from its outbox on that answer; concurrent deliveries share one commit.
/// </summary>
public sealed class InboxGrain(
    [PersistentState(InboxGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<InboxState>> state,
    DurableGrainServices services,
    IClock clock) : DurableGrain<InboxState>(state, services), IInboxGrain
{
    /// <summary>The inbox's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "inbox";

    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FoldInterval = TimeSpan.FromSeconds(2);

    private readonly LogWindow<InboxItem> _window = new(i => i.Seq);
    private readonly DedupeIndex<long> _delivered = new();

    private string Topic => Topics.User(GrainKey);

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        var tail = await ReadLogTailAsync(Contracts.Validation.Limits.ResumeMax, cancellationToken);
        _window.Load(tail.Select(r => GrainJson.Deserialize<InboxItem>(r.Payload)).ToList(), State.LastSeq);
        foreach (var record in tail)
        {
            if (record.DedupeKey is not null)
            {
                _delivered.Remember(record.DedupeKey, record.Seq);
            }
        }

        // Folded and deleted items leave keys only storage knows.
        _delivered.Complete = tail.Count == State.LastSeq;
        RegisterTick(FoldAsync, FoldInterval);
    }

    protected override object? CaptureCommit() => State.LastSeq;

    protected override void OnCommitted(object? captured) => _window.MarkCommitted((long)captured!);

    protected override long CommittedSeq(string topic) => topic == Topic ? _window.Committed : 0;

    protected override async Task<IReadOnlyList<GrainEvent>> ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken)
    {
        if (topic != Topic)
        {
            return [];
        }

        var (items, _) = await SinceAsync(_window, afterSeq, cancellationToken);
        return items.Select(i => new GrainEvent(Topic, HubEvents.Notification, i)).ToList();
    }

    async Task IInboxGrain.DeliverAsync(InboxDelivery delivery, CancellationToken cancellationToken)
    {
        // Storage is asked before the turn, so that a busy inbox's turns never wait on a read.
        var stored = _delivered.NeedsLookup(delivery.Key) ? await FindLogAsync(delivery.Key, cancellationToken) : null;
        await Run(() => Deliver(delivery, stored));
    }

    private void Deliver(InboxDelivery delivery, LogRecord? stored)
    {
        if (_delivered.TryGet(delivery.Key, out var seen))
        {
            if (seen > _window.Committed)
            {
                Commit();
            }

            return;
        }

        if (stored is not null)
        {
            return;
        }

        var now = clock.UtcNow;
        if (IsReaction(delivery.Kind))
        {
            var target = Target(delivery);
            if (State.Groups.TryGetValue(target, out var group) && group.Seq > State.ReadUpTo && now - group.OpenedAt < CoalesceWindow)
            {
                // Folded in by the next flush. The pending count and the delivery's key (a deleted log
                // entry, as the replaced item's key is) are committed before the note is answered:
                // the note forgets the delivery then, so a crash before the flush must not lose it,
                // and a replay or a re-like after a restart must still be known.
                State.PendingFolds[target] = State.PendingFolds.GetValueOrDefault(target) + 1;
                var markerSeq = ++State.LastSeq;
                AppendLog(new LogRecord(markerSeq, delivery.Key, GrainJson.Serialize(delivery)));
                DeleteLog(markerSeq);
                _delivered.Remember(delivery.Key, markerSeq);
                Commit();
                return;
            }

            State.Unread++;
            var item = Append(delivery.Key, delivery.Kind, delivery, InboxPreview.For(delivery.Kind, delivery.ActorName, delivery.Text), now);
            State.Groups[target] = new ReactionGroup(item.Seq, delivery.ActorId, delivery.ActorName, 1, now);
            Commit();
            return;
        }

        State.Unread++;
        Append(delivery.Key, delivery.Kind, delivery, InboxPreview.For(delivery.Kind, delivery.ActorName, delivery.Text), now);
        Commit();
    }

    Task<InboxPage> IInboxGrain.GetAsync(long? sinceSeq, int limit, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        IReadOnlyList<InboxItem> items;
        if (sinceSeq is null)
        {
            var latest = _window.Latest(limit);
            items = latest.Count >= limit || _window.Floor == 0
                ? latest
                : Parse(await ReadLogTailAsync(limit, cancellationToken));
        }
        else if (_window.Covers(sinceSeq.Value + 1))
        {
            items = _window.Latest(int.MaxValue).Where(i => i.Seq > sinceSeq.Value).Take(limit).ToList();
        }
        else
        {
            items = Parse(await ReadLogAsync(sinceSeq.Value, limit, cancellationToken));
        }

        return new InboxPage(State.Unread, _window.Committed, items.Where(i => i.Seq <= _window.Committed).ToList());
    });

    Task<InboxUnread> IInboxGrain.MarkReadAsync(long upToSeq, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var upTo = Math.Min(upToSeq, _window.Committed);
        if (upTo <= State.ReadUpTo)
        {
            return new InboxUnread(State.Unread);
        }

        FoldPending();
        var newlyRead = await CountLiveAsync(State.ReadUpTo, upTo, cancellationToken);
        State.Unread = Math.Max(0, State.Unread - newlyRead);
        State.ReadUpTo = upTo;
        foreach (var target in State.Groups.Where(g => g.Value.Seq <= upTo).Select(g => g.Key).ToList())
        {
            State.Groups.Remove(target);
        }

        var unread = new InboxUnread(State.Unread);
        Publish(Topic, HubEvents.InboxUnread, unread);
        Commit();
        return unread;
    });

    private Task FoldAsync()
    {
        PruneRelays();
        if (State.PendingFolds.Count > 0)
        {
            FoldPending();
            Commit();
        }

        return Task.CompletedTask;
    }

    /// <summary>Replaces each group's item by one with the new total (a new seq, so resumes see it).</summary>
    private void FoldPending()
    {
        var now = clock.UtcNow;
        foreach (var (target, added) in State.PendingFolds)
        {
            if (!State.Groups.TryGetValue(target, out var group) || _window.Find(group.Seq) is not { } old)
            {
                continue;
            }

            var count = group.Count + added;
            DeleteLog(group.Seq);
            _window.Remove(group.Seq);
            // Keyed by its own seq: a later group of the same target may reach the same count.
            var first = new InboxDelivery($"fold/{target}/{State.LastSeq + 1}", old.Kind, old.NoteId, old.CommentId, group.FirstActorId, group.FirstActorName, "", now);
            var item = Append(first.Key, old.Kind, first, InboxPreview.For(old.Kind, group.FirstActorName, "", count), now);
            State.Groups[target] = group with { Seq = item.Seq, Count = count };
        }

        State.PendingFolds.Clear();
    }

    private InboxItem Append(string key, string kind, InboxDelivery delivery, string preview, DateTimeOffset now)
    {
        var seq = ++State.LastSeq;
        var item = new InboxItem(seq, kind, delivery.NoteId, delivery.CommentId, delivery.ActorId, delivery.ActorName, preview, now, State.Unread);
        AppendLog(new LogRecord(seq, key, GrainJson.Serialize(item)));
        _window.Add(item);
        _delivered.Remember(key, seq);
        Publish(Topic, HubEvents.Notification, item);
        return item;
    }

    private async Task<long> CountLiveAsync(long afterSeq, long upTo, CancellationToken cancellationToken)
    {
        if (_window.Covers(afterSeq + 1))
        {
            return _window.Latest(int.MaxValue).Count(i => i.Seq > afterSeq && i.Seq <= upTo);
        }

        long count = 0;
        var cursor = afterSeq;
        while (true)
        {
            var page = await ReadLogAsync(cursor, 1000, cancellationToken);
            count += page.Count(r => r.Seq <= upTo);
            if (page.Count < 1000 || page[^1].Seq >= upTo)
            {
                return count;
            }

            cursor = page[^1].Seq;
        }
    }

    private static bool IsReaction(string kind) => kind is InboxKinds.NoteLike or InboxKinds.CommentLike or InboxKinds.Collect;

    private static string Target(InboxDelivery d) => d.Kind + "/" + d.NoteId + "/" + d.CommentId;

    private static List<InboxItem> Parse(IReadOnlyList<LogRecord> records) =>
        records.Select(r => GrainJson.Deserialize<InboxItem>(r.Payload)).ToList();
}
