using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// The topics this silo watches and, per topic, the last item seq it passed on (chat lines,
/// comments, notifications), so an item that arrives twice is dropped and one that arrives after
/// a gap triggers a read of what is missing. Touched only by the relay's single delivery loop.
/// </summary>
internal sealed class TopicSequencer
{
    // Watched, no item seen yet: seqs start at 1.
    private const long Unknown = -1;

    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>The seq an event carries when it is a logged item; null for counters, settings and the like.</summary>
    public static long? SeqOf(GrainEvent e) => e.Payload switch
    {
        ChatMessage m when e.Name == HubEvents.Chat => m.Seq,
        Comment c when e.Name == HubEvents.Comment => c.Seq,
        InboxItem i when e.Name == HubEvents.Notification => i.Seq,
        _ => null,
    };

    public void Watch(string topic) => _last.TryAdd(topic, Unknown);

    public void Forget(string topic) => _last.Remove(topic);

    public bool Watches(string topic) => _last.ContainsKey(topic);

    /// <summary>The last seq passed on for a watched topic; false when none was seen yet.</summary>
    public bool TryGetLast(string topic, out long last) => _last.TryGetValue(topic, out last) && last != Unknown;

    /// <summary>Moves a watched topic on to <paramref name="seq"/>; never back.</summary>
    public void Advance(string topic, long seq)
    {
        if (_last.TryGetValue(topic, out var last) && seq > last)
        {
            _last[topic] = seq;
        }
    }
}
