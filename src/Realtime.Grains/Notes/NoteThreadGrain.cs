using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Validation;
using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Grains.Events;
using Realtime.Grains.Inbox;
using Realtime.Grains.Users;
using Realtime.Storage;
using Realtime.Translation;

namespace Realtime.Grains.Notes;

/// <summary>
/// A note's comment thread, counters and reactions. Every action that notifies someone writes
/// the notification into the note's outbox in the same commit as the action itself, so an
/// acknowledged comment's notifications are durable; the outbox is then handed to the inboxes
/// (idempotently, by key) and replayed after a crash until they confirm.
/// </summary>
public sealed partial class NoteThreadGrain(
    [PersistentState(NoteThreadGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<NoteState>> state,
    DurableGrainServices services,
    IClock clock,
    TranslationFanout translation,
    ILogger<NoteThreadGrain> logger) : DurableGrain<NoteState>(state, services), INoteThreadGrain
{
    /// <summary>The note's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "note";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan OutboxRetry = TimeSpan.FromSeconds(1);

    private readonly LogWindow<Comment> _window = new(c => c.Seq);
    private readonly DedupeIndex<CommentAck> _dedupe = new();
    private readonly ReaderLanguages _languages = new();
    private readonly List<Comment> _toTranslate = [];
    private readonly HashSet<long> _inFlight = [];
    private long _committedOutboxId;
    private NoteCounters? _sentCounters;
    private bool _outboxTrimmed;
    private DateTimeOffset _outboxAttemptAt;
    private IDisposable? _ticker;

    private string Topic => Topics.Note(GrainKey);

    private NoteCounters Counters => new(GrainKey, State.LikedBy.Count, State.CollectedBy.Count, State.CommentCount);

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        if (!StateExists)
        {
            return;
        }

        var tail = await ReadLogTailAsync(Limits.ResumeMax, cancellationToken);
        var comments = tail.Select(r => GrainJson.Deserialize<Comment>(r.Payload)).ToList();
        _window.Load(comments, State.LastSeq);
        for (var i = 0; i < tail.Count; i++)
        {
            if (tail[i].DedupeKey is { } key)
            {
                _dedupe.Remember(key, new CommentAck(comments[i].CommentId, comments[i].Seq, true, Held: State.HeldComments.ContainsKey(comments[i].Seq)));
            }
        }

        _dedupe.Complete = tail.Count == State.LastSeq;
        _committedOutboxId = State.NextOutboxId;
        _committedTopicUpdateId = State.NextTopicUpdateId;
        _sentCounters = Counters;
        StartTicker();
    }

    protected override object? CaptureCommit()
    {
        _outboxTrimmed = false;
        return (State.LastSeq, State.NextOutboxId, State.NextTopicUpdateId);
    }

    protected override void OnCommitted(object? captured)
    {
        var (lastSeq, outboxId, topicUpdateId) = ((long, long, long))captured!;
        _window.MarkCommitted(lastSeq);
        _committedOutboxId = outboxId;
        _committedTopicUpdateId = topicUpdateId;
        // What this commit owes inboxes and topics goes out now, outside the note's turns.
        DeliverDue();
        DeliverTopicUpdates();
    }

    protected override long CommittedSeq(string topic) => topic == Topic ? _window.Committed : 0;

    protected override async Task<IReadOnlyList<GrainEvent>> ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken)
    {
        if (topic != Topic || !StateExists)
        {
            return [];
        }

        var (comments, _) = await SinceAsync(_window, afterSeq, cancellationToken);
        return Visible(comments).Select(c => new GrainEvent(Topic, HubEvents.Comment, WithLikes(c))).ToList();
    }

    Task<Note> INoteThreadGrain.CreateAsync(CreateNoteCommand command, CancellationToken cancellationToken) => Run(() =>
    {
        if (StateExists || State.Epoch.Length > 0)
        {
            throw RealtimeException.Conflict($"note {GrainKey} exists");
        }

        State.AuthorId = command.AuthorId;
        State.Title = command.Title;
        State.Body = command.Body;
        State.Language = command.Language;
        State.CreatedAt = clock.UtcNow;
        State.Epoch = Guid.NewGuid().ToString("N")[..12];
        State.Held = command.Held;
        State.Tags = [.. Contracts.Hashtags.HashtagParser.Parse(command.Title, command.Body)];
        if (!command.Held)
        {
            OweTopicsTheNote();
        }

        _sentCounters = Counters;
        StartTicker();
        Commit();
        return ToNote();
    });

    Task<Note?> INoteThreadGrain.GetNoteAsync(string? readerId, CancellationToken cancellationToken) =>
        Run(() => VisibleTo(readerId) ? ToNote() : null);

    Task<NoteSnapshot> INoteThreadGrain.WatchAsync(WatchNoteCommand command, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists(command.UserId);
        if (command.SinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        if (command.SiloId is not null)
        {
            _languages.Report(command.SiloId, command.Languages);
        }

        var (all, recovered) = await SinceAsync(_window, command.SinceSeq, cancellationToken);
        var comments = Visible(all);
        var userId = command.UserId;
        return new NoteSnapshot(
            GrainKey, State.AuthorId, State.Title, State.Body, State.LikedBy.Count, State.CollectedBy.Count, State.CommentCount,
            _window.Committed, State.Epoch, recovered, comments.Select(c => WithTranslation(WithLikes(c), command.ReaderLanguage)).ToList(),
            userId is not null && State.LikedBy.Contains(userId), userId is not null && State.CollectedBy.Contains(userId));
    });

    async Task<CommentAck> INoteThreadGrain.PostCommentAsync(PostCommentCommand command, CancellationToken cancellationToken)
    {
        var dedupeKey = command.UserId + "\n" + command.ClientMessageId;
        // Storage and the mentioned users are asked before the turn, so a busy note's turns never wait on them.
        var stored = _dedupe.NeedsLookup(dedupeKey) ? await FindLogAsync(dedupeKey, cancellationToken) : null;
        var mentioned = await KnownMentionsAsync(command.Text, cancellationToken);
        return await RunAsync(() => PostCommentAsync(command, dedupeKey, stored, mentioned, cancellationToken));
    }

    private async Task<CommentAck> PostCommentAsync(PostCommentCommand command, string dedupeKey, LogRecord? stored, IReadOnlyList<string> mentioned, CancellationToken cancellationToken)
    {
        EnsureExists(command.UserId);
        if (_dedupe.Resolve(dedupeKey, stored, AckOf) is { } duplicate)
        {
            if (duplicate.Seq > _window.Committed)
            {
                Commit();
            }

            return duplicate;
        }

        if (command.OverRateLimit)
        {
            throw new RealtimeException("rate_limited", "too many comments; slow down");
        }

        Comment? parent = null;
        if (command.ReplyToCommentId is { } replyTo)
        {
            parent = await FindCommentAsync(replyTo, cancellationToken)
                ?? throw RealtimeException.Invalid($"replyToCommentId {replyTo} is not a comment of note {GrainKey}");
        }

        var seq = ++State.LastSeq;
        var comment = new Comment(
            GrainKey, seq, CommentIds.For(seq), command.UserId, command.DisplayName, command.Text,
            translation.DetectSource(command.Text, command.Language), parent?.CommentId, clock.UtcNow, 0, null);
        AppendLog(new LogRecord(seq, dedupeKey, GrainJson.Serialize(comment)));
        _window.Add(comment);
        var ack = new CommentAck(comment.CommentId, seq, false, command.Masked, command.Held);
        _dedupe.Remember(dedupeKey, ack with { Duplicate = true });
        if (command.Held)
        {
            State.HeldComments[seq] = dedupeKey;
            Commit();
            return ack;
        }

        Announce(comment, parent, mentioned);
        Commit();
        return ack;
    }

    /// <summary>Counts a comment that everyone may see, owes its notifications and sends it out.</summary>
    private void Announce(Comment comment, Comment? parent, IReadOnlyList<string> mentioned)
    {
        State.CommentCount++;
        _toTranslate.Add(comment);

        foreach (var (recipient, kind) in Recipients(comment, parent, mentioned))
        {
            Owe(recipient, new InboxDelivery(
                $"{kind}/{GrainKey}/{comment.CommentId}", kind, GrainKey, comment.CommentId, comment.UserId, comment.DisplayName, comment.Text, comment.CreatedAt));
        }

        Publish(Topic, HubEvents.Comment, comment);
    }

    Task<NoteCounters> INoteThreadGrain.LikeNoteAsync(string userId, string displayName, bool liked, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists(userId);
        if (!Toggle(State.LikedBy, userId, liked))
        {
            return Counters;
        }

        if (liked && userId != State.AuthorId)
        {
            Owe(State.AuthorId, new InboxDelivery($"noteLike/{GrainKey}/{userId}", InboxKinds.NoteLike, GrainKey, null, userId, displayName, "", clock.UtcNow));
        }

        Commit();
        return Counters;
    });

    Task<NoteCounters> INoteThreadGrain.CollectNoteAsync(string userId, string displayName, bool collected, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists(userId);
        if (!Toggle(State.CollectedBy, userId, collected))
        {
            return Counters;
        }

        if (collected && userId != State.AuthorId)
        {
            Owe(State.AuthorId, new InboxDelivery($"collect/{GrainKey}/{userId}", InboxKinds.Collect, GrainKey, null, userId, displayName, "", clock.UtcNow));
        }

        Commit();
        return Counters;
    });

    Task<CommentCounters> INoteThreadGrain.LikeCommentAsync(string userId, string displayName, string commentId, bool liked, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists(userId);
        var comment = await FindCommentAsync(commentId, cancellationToken)
            ?? throw RealtimeException.NotFound($"no comment {commentId} on note {GrainKey}");
        if (!State.CommentLikes.TryGetValue(commentId, out var likers))
        {
            likers = new HashSet<string>(StringComparer.Ordinal);
            State.CommentLikes[commentId] = likers;
        }

        var counters = new CommentCounters(GrainKey, commentId, likers.Count);
        if (!Toggle(likers, userId, liked))
        {
            return counters;
        }

        counters = counters with { Likes = likers.Count };
        if (liked && userId != comment.UserId)
        {
            Owe(comment.UserId, new InboxDelivery($"commentLike/{GrainKey}/{commentId}/{userId}", InboxKinds.CommentLike, GrainKey, commentId, userId, displayName, comment.Text, clock.UtcNow));
        }

        Publish(Topic, HubEvents.CommentCounters, counters);
        Commit();
        return counters;
    });

    Task<int> INoteThreadGrain.OwedNotificationsAsync(CancellationToken cancellationToken) => Run(() => State.Outbox.Count);

    Task INoteThreadGrain.ReportReadersAsync(string siloId, IReadOnlyDictionary<string, int>? languages, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists();
        _languages.Report(siloId, languages);
    });

    /// <summary>Who hears of a comment, and how: one item per person, reply over mention over comment.</summary>
    private Dictionary<string, string> Recipients(Comment comment, Comment? parent, IReadOnlyList<string> mentioned)
    {
        var recipients = new Dictionary<string, string>(StringComparer.Ordinal) { [State.AuthorId] = InboxKinds.Comment };
        foreach (var user in mentioned)
        {
            recipients[user] = InboxKinds.Mention;
        }

        if (parent is not null)
        {
            recipients[parent.UserId] = InboxKinds.Reply;
        }

        recipients.Remove(comment.UserId);
        return recipients;
    }

    private async Task<IReadOnlyList<string>> KnownMentionsAsync(string text, CancellationToken cancellationToken)
    {
        // Look at a few more names than may notify, so unknown "@names" cannot crowd out real ones.
        var candidates = MentionPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Take(Limits.MentionsPerComment * 3).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var known = await Task.WhenAll(candidates.Select(u => GrainFactory.GetGrain<IUserGrain>(u).ExistsAsync(cancellationToken)));
        return candidates.Where((_, i) => known[i]).Take(Limits.MentionsPerComment).ToList();
    }

    private CommentAck AckOf(LogRecord record)
    {
        var comment = GrainJson.Deserialize<Comment>(record.Payload);
        return State.ReleasedComments.TryGetValue(comment.Seq, out var released)
            ? new CommentAck(CommentIds.For(released), released, true)
            : new CommentAck(comment.CommentId, comment.Seq, true, Held: State.HeldComments.ContainsKey(comment.Seq));
    }

    /// <summary>A comment everyone may see (held ones are not found).</summary>
    private async Task<Comment?> FindCommentAsync(string commentId, CancellationToken cancellationToken) =>
        await FindAnyCommentAsync(commentId, cancellationToken) is { } comment && !State.HeldComments.ContainsKey(comment.Seq) ? comment : null;

    private async Task<Comment?> FindAnyCommentAsync(string commentId, CancellationToken cancellationToken)
    {
        if (CommentIds.SeqOf(commentId) is not { } seq || seq > State.LastSeq)
        {
            return null;
        }

        if (_window.Covers(seq))
        {
            return _window.Find(seq);
        }

        var records = await ReadLogAsync(seq - 1, 1, cancellationToken);
        return records.Count == 1 && records[0].Seq == seq ? GrainJson.Deserialize<Comment>(records[0].Payload) : null;
    }

    /// <summary>Hands the comments committed since the last tick to translation, for the languages in demand.</summary>
    private void TranslateCommitted()
    {
        var noteId = GrainKey;
        translation.StartCommitted(
            _toTranslate,
            c => c.Seq,
            _window.Committed,
            _languages.InDemand(),
            c => new SourceText(c.Text, c.Language),
            (c, language, text) => new GrainEvent(
                Topics.NoteLanguage(noteId, language), HubEvents.CommentTranslated, new CommentTranslated(noteId, c.CommentId, language, text.Text, text.Explanations)),
            PublishNow);
    }

    private Comment WithTranslation(Comment comment, string? reader) =>
        translation.Cached(comment.Text, comment.Language, reader) is { } cached
            ? comment with { Translation = new Contracts.Rooms.Translation(reader!, cached.Text, cached.Explanations) }
            : comment;

    private Comment WithLikes(Comment comment) =>
        State.CommentLikes.TryGetValue(comment.CommentId, out var likers) ? comment with { Likes = likers.Count } : comment;

    private static bool Toggle(HashSet<string> set, string userId, bool on) => on ? set.Add(userId) : set.Remove(userId);

    private Note ToNote() => new(GrainKey, State.AuthorId, State.Title, State.Body, State.Language, State.CreatedAt);

    private void EnsureExists(string? readerId = null)
    {
        if (!VisibleTo(readerId ?? State.AuthorId))
        {
            throw RealtimeException.NotFound($"note {GrainKey} does not exist");
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])@([A-Za-z0-9_-]{1,64})")]
    private static partial Regex MentionPattern();
}
