using Orleans.Runtime;
using Realtime.Contracts.Direct;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Grains.Events;
using Realtime.Translation;

namespace Realtime.Grains.Direct;

/// <summary>
/// A user's conversation list and the source of their direct-message events. Conversations send
/// it their updates in order; a message is passed on once (by seq per conversation), a summary is
/// replaced only by a newer one (by version). Messages from others are translated into the
/// languages the user's connections read, known from the language topics silos subscribed to.
/// </summary>
public sealed class DirectMailboxGrain(
    [PersistentState(DirectMailboxGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<DirectMailboxState>> state,
    DurableGrainServices services,
    TranslationFanout translation) : DurableGrain<DirectMailboxState>(state, services), IDirectMailboxGrain
{
    /// <summary>The mailbox's state name in grain storage.</summary>
    public const string StateName = "direct-mailbox";

    /// <summary>Conversations a list keeps; the least recently active ones go first.</summary>
    public const int MaxConversations = 5_000;

    private const int DeletionsKept = 100;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);

    private string Topic => Topics.Direct(GrainKey);

    protected override string LogType => StateName;

    protected override Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        // Drops the subscriptions of silos that left, so no translation is made for readers who are gone.
        RegisterTick(
            () =>
            {
                PruneRelays();
                return Task.CompletedTask;
            },
            PruneInterval);
        return Task.CompletedTask;
    }

    async Task<long> IDirectMailboxGrain.ApplyAsync(IReadOnlyList<MailboxUpdate> updates, CancellationToken cancellationToken)
    {
        var arrived = new List<DirectMessage>();
        var total = await Run(() => Apply(updates, arrived));

        // The originals left with the commit above; their translations follow them.
        var fromOthers = arrived.Where(m => m.FromUserId != GrainKey).ToList();
        if (fromOthers.Count > 0 && translation.Enabled)
        {
            var languagePrefix = Topics.DirectLanguage(GrainKey, "");
            var languages = SubscribedTopics().Where(t => t.StartsWith(languagePrefix, StringComparison.Ordinal)).Select(t => t[languagePrefix.Length..]).ToList();
            translation.Start(
                fromOthers,
                m => new SourceText(m.Text, m.Language),
                languages,
                (m, language, text) => new GrainEvent(
                    Topics.DirectLanguage(GrainKey, language), HubEvents.DirectMessageTranslated,
                    new DirectMessageTranslated(m.ConversationId, m.Seq, language, text.Text, text.Explanations)),
                PublishNow);
        }

        return total;
    }

    private long Apply(IReadOnlyList<MailboxUpdate> updates, List<DirectMessage> arrived)
    {
        var changed = false;
        foreach (var update in updates)
        {
            if (update.OwnerId != GrainKey)
            {
                throw RealtimeException.Invalid($"an update for {update.OwnerId} reached the mailbox of {GrainKey}");
            }

            if (!State.Conversations.TryGetValue(update.ConversationId, out var entry))
            {
                entry = new MailboxConversation();
                State.Conversations[update.ConversationId] = entry;
            }

            if (update.Arrived is { } message && message.Seq > entry.ArrivedSeq)
            {
                entry.ArrivedSeq = message.Seq;
                Publish(Topic, HubEvents.DirectMessage, message);
                arrived.Add(message);
                changed = true;
            }

            if (update.DeletedSeq is { } deleted && !entry.Deleted.Contains(deleted))
            {
                entry.Deleted.Add(deleted);
                if (entry.Deleted.Count > DeletionsKept)
                {
                    entry.Deleted.RemoveAt(0);
                }

                Publish(Topic, HubEvents.DirectMessageDeleted, new DirectMessageDeleted(update.ConversationId, deleted));
                changed = true;
            }

            if (update.Version <= entry.Version)
            {
                continue;
            }

            entry.Version = update.Version;
            entry.OtherUserId = update.OtherUserId;
            entry.OtherDisplayName = update.OtherDisplayName;
            entry.LastMessage = update.LastMessage;
            entry.Unread = update.Unread;
            entry.UpdatedAt = update.UpdatedAt;
            changed = true;
        }

        if (State.Conversations.Count > MaxConversations)
        {
            foreach (var stale in State.Conversations.OrderBy(c => c.Value.UpdatedAt).Take(State.Conversations.Count - MaxConversations).Select(c => c.Key).ToList())
            {
                State.Conversations.Remove(stale);
            }
        }

        var total = State.Conversations.Values.Sum(c => c.Unread);
        if (total != State.Total)
        {
            State.Total = total;
            Publish(Topic, HubEvents.DirectUnread, new DirectUnread(total));
        }

        if (changed)
        {
            Commit();
        }

        return total;
    }

    Task<IReadOnlyList<ConversationSummary>> IDirectMailboxGrain.ListAsync(int limit, CancellationToken cancellationToken) => Run<IReadOnlyList<ConversationSummary>>(() =>
        State.Conversations
            .OrderByDescending(c => c.Value.UpdatedAt)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => new ConversationSummary(c.Key, c.Value.OtherUserId, c.Value.OtherDisplayName, c.Value.LastMessage, c.Value.Unread, c.Value.UpdatedAt))
            .ToList());
}
