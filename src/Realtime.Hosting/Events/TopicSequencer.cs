using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// The last item seq this silo passed on per topic (chat lines, comments, notifications), so an
/// item that arrives twice is dropped and one that arrives after a gap triggers a read of what
/// is missing. Touched only by the relay's single delivery loop.
/// </summary>
internal sealed class TopicSequencer
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>The seq an event carries when it is a logged item; null for counters, settings and the like.</summary>
    public static long? SeqOf(GrainEvent e) => e.Payload switch
    {
        ChatMessage m when e.Name == HubEvents.Chat => m.Seq,
        Comment c when e.Name == HubEvents.Comment => c.Seq,
        InboxItem i when e.Name == HubEvents.Notification => i.Seq,
        _ => null,
    };

    public bool TryGetLast(string topic, out long last) => _last.TryGetValue(topic, out last);

    /// <summary>Sets where a topic stands when nothing was seen yet (the grain's committed seq at subscription).</summary>
    public void Baseline(string topic, long seq) => _last.TryAdd(topic, seq);

    public void Advance(string topic, long seq)
    {
        if (!_last.TryGetValue(topic, out var last) || seq > last)
        {
            _last[topic] = seq;
        }
    }

    public void Forget(string topic) => _last.Remove(topic);
}
