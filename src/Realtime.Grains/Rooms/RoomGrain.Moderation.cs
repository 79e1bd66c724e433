using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Storage;

namespace Realtime.Grains.Rooms;

/// <summary>Lines held for review and moderators' decisions on lines.</summary>
public sealed partial class RoomGrain
{
    Task<ChatMessage?> IRoomGrain.FindAsync(long seq, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists();
        return State.Held.ContainsKey(seq) ? null : await FindMessageAsync(seq, cancellationToken);
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
            // A line never held: approving keeps it, rejecting removes it.
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
            // The store keeps a key on its first entry for good, so the held entry keeps it and a map
            // leads a retry of the line to where it went.
            var released = message with { Seq = ++State.LastSeq, SentAt = clock.UtcNow };
            AppendLog(new LogRecord(released.Seq, null, GrainJson.Serialize(released)));
            State.Released[seq] = released.Seq;
            _window.Add(released);
            _dedupe.Remember(dedupeKey, new ChatAck(released.Seq, released.MessageId, true));
            _toTranslate.Add(released);
            Publish(Topic, HubEvents.Chat, released);
        }
        else
        {
            // Only its writer knew the line: the event lets their client drop it.
            _dedupe.Remember(dedupeKey, new ChatAck(seq, message.MessageId, true));
            Publish(Topic, HubEvents.ChatDeleted, new ChatDeleted(GrainKey, seq));
        }

        Commit();
    });

    private List<ChatMessage> Visible(IReadOnlyList<ChatMessage> messages) =>
        State.Held.Count == 0 ? messages as List<ChatMessage> ?? messages.ToList() : messages.Where(m => !State.Held.ContainsKey(m.Seq)).ToList();
}
