using Realtime.Grains.Events;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Rooms;

namespace Realtime.Hosting.Events;

/// <summary>Finds the grain that publishes a topic: rooms (and their language topics), notes, users' inboxes.</summary>
internal static class TopicSources
{
    public static IEventSourceGrain Of(IGrainFactory grains, string topic)
    {
        var parts = topic.Split('/', 3);
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            throw new ArgumentException($"'{topic}' names no grain.", nameof(topic));
        }

        return parts[0] switch
        {
            "room" => grains.GetGrain<IRoomGrain>(parts[1]),
            "note" => grains.GetGrain<INoteThreadGrain>(parts[1]),
            "user" => grains.GetGrain<IInboxGrain>(parts[1]),
            _ => throw new ArgumentException($"'{topic}' names no grain.", nameof(topic)),
        };
    }
}
