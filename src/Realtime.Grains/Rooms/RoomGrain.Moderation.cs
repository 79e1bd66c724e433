using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Storage;

namespace Realtime.Grains.Rooms;

/// <summary>Lines held for review and moderators' decisions on lines.</summary>
public sealed partial class RoomGrain
{
    Task<ChatMessage?> IRoomGrain.FindAsync(long seq, CancellationToken cancellationToken) => RunAsync(() =>
    {
        EnsureExists();
        return FindMessageAsync(seq, cancellationToken);
    });

    Task IRoomGrain.ModerateAsync(long seq, bool approve, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists();
        var message = await FindMessageAsync(seq, cancellationToken);
        if (message is null)
        {
            // Deleted already, or a decision taken twice: nothing left to do.
            return;
        }

        if (!State.Held.Remove(seq, out var dedupeKey))
        {
            if (!approve)
            {
                Remove(seq);
                Commit();
            }

            return;
        }

        _window.Remove(seq);
        DeleteLog(seq);
        if (approve)
        {
            // Viewers' streams are past the held seq: the line goes out under a new one, with the same id.
            var released = message with { Seq = ++State.LastSeq, SentAt = clock.UtcNow };
            AppendLog(new LogRecord(released.Seq, dedupeKey, GrainJson.Serialize(released)));
            _window.Add(released);
            _dedupe.Remember(dedupeKey, new ChatAck(released.Seq, released.MessageId, true));
            _toTranslate.Add(released);
            Publish(Topic, HubEvents.Chat, released);
        }
        else
        {
            // Only its writer knew the line: the event lets their client drop it.
            Publish(Topic, HubEvents.ChatDeleted, new ChatDeleted(GrainKey, seq));
        }

        Commit();
    });

    private List<ChatMessage> Visible(IReadOnlyList<ChatMessage> messages) =>
        State.Held.Count == 0 ? messages as List<ChatMessage> ?? messages.ToList() : messages.Where(m => !State.Held.ContainsKey(m.Seq)).ToList();
}
