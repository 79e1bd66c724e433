using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Contracts.Direct;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Storage;

namespace Realtime.Grains.Direct;

/// <summary>
/// The conversation of two users. A message is acknowledged once durable; what each participant's
/// mailbox must learn (the message, their unread count) goes into an outbox in the same commit and
/// is delivered in order per mailbox, outside the conversation's turns, until the mailbox confirms.
/// </summary>
public sealed class ConversationGrain(
    [PersistentState(ConversationGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<ConversationState>> state,
    DurableGrainServices services,
    IClock clock,
    TranslationFanout translation,
    ILogger<ConversationGrain> logger) : DurableGrain<ConversationState>(state, services), IConversationGrain
{
    /// <summary>The conversation's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "conversation";

    private static readonly TimeSpan OutboxRetry = TimeSpan.FromSeconds(1);

    // How long a send waits for both mailboxes before it is answered anyway (the outbox goes on trying).
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(5);

    private readonly LogWindow<DirectMessage> _window = new(m => m.Seq);
    private readonly DedupeIndex<DirectAck> _dedupe = new();
    private readonly HashSet<string> _sending = new(StringComparer.Ordinal);

    // Mailboxes that failed: how often in a row, and when to try again (doubling up to a minute).
    private readonly Dictionary<string, (int Failures, long RetryAt)> _backoff = new(StringComparer.Ordinal);
    private readonly List<(long UpTo, TaskCompletionSource Done)> _deliveryWaiters = [];
    private long _committedOutboxId;
    private bool _outboxTrimmed;

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        var tail = await ReadLogTailAsync(Limits.ResumeMax, cancellationToken);
        var messages = tail.Select(r => GrainJson.Deserialize<DirectMessage>(r.Payload)).ToList();
        _window.Load(messages, State.LastSeq);
        for (var i = 0; i < tail.Count; i++)
        {
            if (tail[i].DedupeKey is { } key)
            {
                _dedupe.Remember(key, AckOf(messages[i]));
            }
        }

        _dedupe.Complete = tail.Count == State.LastSeq;
        _committedOutboxId = State.NextOutboxId;
        RegisterTick(OnTickAsync, OutboxRetry);
        DeliverDue();
    }

    protected override object? CaptureCommit()
    {
        _outboxTrimmed = false;
        return (State.LastSeq, State.NextOutboxId);
    }

    protected override void OnCommitted(object? captured)
    {
        var (lastSeq, outboxId) = ((long, long))captured!;
        _window.MarkCommitted(lastSeq);
        _committedOutboxId = outboxId;
        DeliverDue();
    }

    async Task<DirectAck> IConversationGrain.SendAsync(SendDirectCommand command, CancellationToken cancellationToken)
    {
        var dedupeKey = command.FromUserId + "\n" + command.ClientMessageId;
        var stored = _dedupe.NeedsLookup(dedupeKey) ? await FindLogAsync(dedupeKey, cancellationToken) : null;
        var (ack, delivered) = await Run(() => (Send(command, dedupeKey, stored), DeliveredUpTo(State.NextOutboxId)));

        // Answered once both mailboxes have it, when that is quick: a sender whose silo dies before
        // then gets no answer and retries, and the retry wakes the conversation, which delivers its outbox.
        try
        {
            await delivered.WaitAsync(DeliveryWait, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        return ack;
    }

    /// <summary>Completes once every outbox entry up to <paramref name="outboxId"/> is delivered.</summary>
    private Task DeliveredUpTo(long outboxId)
    {
        if (!State.Outbox.Any(e => e.Id <= outboxId))
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deliveryWaiters.Add((outboxId, done));
        return done.Task;
    }

    private DirectAck Send(SendDirectCommand command, string dedupeKey, LogRecord? stored)
    {
        var other = OtherOf(command.FromUserId);
        if (_dedupe.Resolve(dedupeKey, stored, r => AckOf(GrainJson.Deserialize<DirectMessage>(r.Payload))) is { } duplicate)
        {
            if (duplicate.Seq > _window.Committed)
            {
                Commit();
            }

            return duplicate;
        }

        if (command.OverRateLimit)
        {
            throw new RealtimeException("rate_limited", "too many direct messages; slow down");
        }

        if (State.BlockedBy.Contains(other))
        {
            throw new RealtimeException("blocked", $"{other} does not take messages from you");
        }

        if (State.BlockedBy.Contains(command.FromUserId))
        {
            throw new RealtimeException("blocked", $"you blocked {other}; unblock them to write");
        }

        if (command.GivesContacts && State.OpenedBy != other)
        {
            throw new RealtimeException("contact_blocked", "contact details may be given only in a conversation the other user opened");
        }

        State.OpenedBy ??= command.FromUserId;
        State.Names[command.FromUserId] = command.DisplayName;
        var seq = ++State.LastSeq;
        var message = new DirectMessage(
            GrainKey, seq, Guid.CreateVersion7().ToString("N"), command.FromUserId, command.DisplayName, command.Text,
            translation.DetectSource(command.Text, command.Language), clock.UtcNow, null);
        AppendLog(new LogRecord(seq, dedupeKey, GrainJson.Serialize(message)));
        _window.Add(message);
        if (command.Held)
        {
            State.Held[seq] = dedupeKey;
        }
        else
        {
            Announce(message, other);
        }

        var ack = new DirectAck(GrainKey, seq, message.MessageId, false, command.Masked, command.Held);
        _dedupe.Remember(dedupeKey, ack with { Duplicate = true });
        Commit();
        return ack;
    }

    Task<DirectMessagePage> IConversationGrain.ReadAsync(string userId, long? sinceSeq, int limit, string? readerLanguage, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var other = OtherOf(userId);
        IReadOnlyList<DirectMessage> messages;
        var recovered = true;
        if (sinceSeq is null)
        {
            var latest = Visible(_window.Latest(int.MaxValue));
            messages = latest.Count >= limit || _window.Floor == 0
                ? latest.TakeLast(limit).ToList()
                : Visible((await ReadLogTailAsync(limit + State.Held.Count, cancellationToken)).Select(r => GrainJson.Deserialize<DirectMessage>(r.Payload)).Where(m => m.Seq <= _window.Committed).ToList()).TakeLast(limit).ToList();
        }
        else
        {
            (var since, recovered) = await SinceAsync(_window, sinceSeq, cancellationToken);
            messages = Visible(since).Take(limit).ToList();
        }

        if (readerLanguage is not null)
        {
            messages = messages.Select(m => WithTranslation(m, readerLanguage)).ToList();
        }

        return new DirectMessagePage(
            GrainKey, _window.Committed, State.ReadUpTo.GetValueOrDefault(userId), State.ReadUpTo.GetValueOrDefault(other), recovered, messages);
    });

    Task<MailboxUpdate> IConversationGrain.MarkReadAsync(string userId, long seq, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var other = OtherOf(userId);
        var upTo = Math.Min(seq, _window.Committed);
        if (upTo <= State.ReadUpTo.GetValueOrDefault(userId))
        {
            return UpdateFor(userId, null, null);
        }

        State.ReadUpTo[userId] = upTo;
        // Reading everything, the usual case, needs no count.
        State.Unread[userId] = upTo >= State.LastSeq ? 0 : await CountFromAsync(other, upTo, cancellationToken);
        State.Version++;
        var update = UpdateFor(userId, null, null);
        // The caller hands it to the mailbox at once; the outbox makes sure it arrives if that fails.
        Owe(update);
        Commit();
        return update;
    });

    Task IConversationGrain.SetBlockedAsync(string userId, bool blocked, CancellationToken cancellationToken) => Run(() =>
    {
        OtherOf(userId);
        if (blocked ? State.BlockedBy.Add(userId) : State.BlockedBy.Remove(userId))
        {
            Commit();
        }
    });

    Task<DirectMessage?> IConversationGrain.FindAsync(long seq, CancellationToken cancellationToken) =>
        RunAsync(async () => State.Held.ContainsKey(seq) ? null : await FindMessageAsync(seq, cancellationToken));

    Task IConversationGrain.ModerateAsync(long seq, bool approve, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var message = await FindMessageAsync(seq, cancellationToken);
        if (message is null || (approve && !State.Held.ContainsKey(seq)))
        {
            // Already decided (a repeated decision), or approving what was never held: nothing to do.
            return;
        }

        var held = State.Held.Remove(seq, out var dedupeKey);
        _window.Remove(seq);
        DeleteLog(seq);
        var other = OtherOf(message.FromUserId);
        if (approve)
        {
            // The store keeps a key on its first entry for good: the held entry keeps it, a map leads retries here.
            var released = message with { Seq = ++State.LastSeq, SentAt = clock.UtcNow };
            AppendLog(new LogRecord(released.Seq, null, GrainJson.Serialize(released)));
            State.Released[seq] = released.Seq;
            _window.Add(released);
            _dedupe.Remember(dedupeKey!, new DirectAck(GrainKey, released.Seq, released.MessageId, true, false, false));
            Announce(released, other);
        }
        else if (held)
        {
            // Only its writer had it: their connections learn it is gone.
            _dedupe.Remember(dedupeKey!, new DirectAck(GrainKey, seq, message.MessageId, true, false, false));
            State.Version++;
            Owe(UpdateFor(message.FromUserId, null, seq));
        }
        else if (!held)
        {
            if (seq > State.ReadUpTo.GetValueOrDefault(other))
            {
                State.Unread[other] = Math.Max(0, State.Unread.GetValueOrDefault(other) - 1);
            }

            State.Version++;
            Owe(UpdateFor(message.FromUserId, null, seq));
            Owe(UpdateFor(other, null, seq));
        }

        Commit();
    });

    /// <summary>Counts the new message for its reader and queues it for both mailboxes.</summary>
    private void Announce(DirectMessage message, string recipient)
    {
        State.Unread[recipient] = State.Unread.GetValueOrDefault(recipient) + 1;
        State.Version++;
        Owe(UpdateFor(message.FromUserId, message, null));
        Owe(UpdateFor(recipient, message, null));
    }

    private void Owe(MailboxUpdate update) => State.Outbox.Add(new ConversationOutboxEntry(++State.NextOutboxId, update));

    private MailboxUpdate UpdateFor(string owner, DirectMessage? arrived, long? deletedSeq)
    {
        var other = OtherOf(owner);
        var last = arrived ?? Visible(_window.LatestAny()).LastOrDefault();
        return new MailboxUpdate(
            GrainKey, owner, other, State.Names.GetValueOrDefault(other, other), last, State.ReadUpTo.GetValueOrDefault(owner), arrived, deletedSeq,
            State.Unread.GetValueOrDefault(owner), State.Version, last?.SentAt ?? clock.UtcNow);
    }

    /// <summary>Messages from <paramref name="sender"/> after <paramref name="afterSeq"/> that are shown.</summary>
    private async Task<long> CountFromAsync(string sender, long afterSeq, CancellationToken cancellationToken)
    {
        if (_window.Covers(afterSeq + 1))
        {
            return _window.LatestAny().Count(m => m.Seq > afterSeq && m.FromUserId == sender && !State.Held.ContainsKey(m.Seq));
        }

        long count = 0;
        var cursor = afterSeq;
        while (true)
        {
            var page = await ReadLogAsync(cursor, 1000, cancellationToken);
            count += page.Select(r => GrainJson.Deserialize<DirectMessage>(r.Payload)).Count(m => m.FromUserId == sender && !State.Held.ContainsKey(m.Seq));
            if (page.Count < 1000)
            {
                return count;
            }

            cursor = page[^1].Seq;
        }
    }

    private async Task<DirectMessage?> FindMessageAsync(long seq, CancellationToken cancellationToken)
    {
        if (seq < 1 || seq > State.LastSeq)
        {
            return null;
        }

        if (_window.Covers(seq))
        {
            return _window.Find(seq);
        }

        var records = await ReadLogAsync(seq - 1, 1, cancellationToken);
        return records.Count == 1 && records[0].Seq == seq ? GrainJson.Deserialize<DirectMessage>(records[0].Payload) : null;
    }

    /// <summary>Sends each mailbox its committed updates in order, one call per mailbox at a time, outside the turns.</summary>
    private void DeliverDue()
    {
        foreach (var group in State.Outbox.Where(e => e.Id <= _committedOutboxId).GroupBy(e => e.Update.OwnerId))
        {
            if (_backoff.TryGetValue(group.Key, out var backoff) && backoff.RetryAt > Environment.TickCount64)
            {
                continue;
            }

            if (_sending.Add(group.Key))
            {
                _ = SendAsync(group.Key, group.ToList());
            }
        }
    }

    private async Task SendAsync(string owner, IReadOnlyList<ConversationOutboxEntry> due)
    {
        var delivered = false;
        try
        {
            await GrainFactory.GetGrain<IDirectMailboxGrain>(owner).ApplyAsync(due.Select(e => e.Update).ToList(), CancellationToken.None);
            delivered = true;
        }
        catch (Exception e)
        {
            ConversationLog.DeliveryFailed(logger, GrainKey, owner, e);
        }

        try
        {
            await Run(() =>
            {
                _sending.Remove(owner);
                if (!delivered)
                {
                    var failures = _backoff.GetValueOrDefault(owner).Failures + 1;
                    var wait = Math.Min(60_000, 1_000L << Math.Min(failures - 1, 6));
                    _backoff[owner] = (failures, Environment.TickCount64 + wait);
                }
                else
                {
                    _backoff.Remove(owner);
                    var ids = due.Select(e => e.Id).ToHashSet();
                    if (State.Outbox.RemoveAll(e => ids.Contains(e.Id)) > 0)
                    {
                        _outboxTrimmed = true;
                    }

                    ReleaseDeliveryWaiters();

                    // Whatever was committed meanwhile follows at once, in order.
                    DeliverDue();
                }
            });
        }
        catch (Exception e)
        {
            // Deactivated meanwhile: the next activation replays the outbox.
            ConversationLog.DeliveryFailed(logger, GrainKey, owner, e);
        }
    }

    private void ReleaseDeliveryWaiters()
    {
        var oldest = State.Outbox.Count == 0 ? long.MaxValue : State.Outbox.Min(e => e.Id);
        foreach (var waiter in _deliveryWaiters.Where(w => w.UpTo < oldest).ToList())
        {
            _deliveryWaiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }

    private Task OnTickAsync()
    {
        if (State.Outbox.Count > 0)
        {
            // Stay active while mailboxes are owed updates, so the tick keeps retrying them.
            DelayDeactivation(TimeSpan.FromMinutes(1));
            DeliverDue();
        }

        if (_outboxTrimmed && State.Outbox.Count == 0)
        {
            // Persist the trimmed outbox so a restart does not replay what mailboxes already have.
            _outboxTrimmed = false;
            Commit();
        }

        return Task.CompletedTask;
    }

    private List<DirectMessage> Visible(IEnumerable<DirectMessage> messages) =>
        messages.Where(m => !State.Held.ContainsKey(m.Seq)).ToList();

    private DirectMessage WithTranslation(DirectMessage message, string reader) =>
        translation.Cached(message.Text, message.Language, reader) is { } cached
            ? message with { Translation = new Contracts.Rooms.Translation(reader, cached.Text, cached.Explanations) }
            : message;

    private DirectAck AckOf(DirectMessage message) =>
        State.Released.TryGetValue(message.Seq, out var released)
            ? new(GrainKey, released, message.MessageId, true, false, false)
            : new(GrainKey, message.Seq, message.MessageId, true, false, State.Held.ContainsKey(message.Seq));

    /// <summary>The participant other than <paramref name="userId"/>; <c>forbidden:</c> for anyone else.</summary>
    private string OtherOf(string userId) =>
        ConversationIds.OtherOf(GrainKey, userId)
        ?? throw RealtimeException.Forbidden("only the two participants may read or write a conversation");
}
