using Realtime.Grains.Direct;
using Realtime.Grains.Events;
using Realtime.Grains.Hashtags;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Rooms;

namespace Realtime.Grains.Common;

/// <summary>The one place that names event topics, so publishers and subscribers agree.</summary>
public static class Topics
{
    /// <summary>Everything every viewer of a room receives.</summary>
    public static string Room(string roomId) => "room/" + roomId;

    /// <summary>Events for the host of a room alone (orders).</summary>
    public static string RoomHost(string roomId) => "room/" + roomId + "/host";

    /// <summary>Events for the readers of one language in a room (translations).</summary>
    public static string RoomLanguage(string roomId, string language) => "room/" + roomId + "/lang/" + language;

    /// <summary>Everything every watcher of a note receives.</summary>
    public static string Note(string noteId) => "note/" + noteId;

    /// <summary>Events for the readers of one language of a note (translations).</summary>
    public static string NoteLanguage(string noteId, string language) => "note/" + noteId + "/lang/" + language;

    /// <summary>Whether <paramref name="topic"/> carries a room's or note's translations, which follow its originals.</summary>
    public static bool IsLanguage(string topic) => topic.Contains("/lang/", StringComparison.Ordinal);

    /// <summary>The room or note topic whose translations <paramref name="languageTopic"/> carries.</summary>
    public static string OriginalOf(string languageTopic) =>
        languageTopic[..languageTopic.IndexOf("/lang/", StringComparison.Ordinal)];

    /// <summary>A user's own events (inbox), delivered to every connection of that user.</summary>
    public static string User(string userId) => "user/" + userId;

    /// <summary>A user's direct messages and their unread count, delivered to every connection of that user.</summary>
    public static string Direct(string userId) => "dm/" + userId;

    /// <summary>Translations of a user's direct messages for that user's connections reading one language.</summary>
    public static string DirectLanguage(string userId, string language) => "dm/" + userId + "/lang/" + language;

    /// <summary>A hashtag's counters (<c>topicCounters</c>); <paramref name="tag"/> is the folded tag.</summary>
    public static string Hashtag(string tag) => "tag/" + tag;

    /// <summary>The trending lists of every window (<c>trending</c>).</summary>
    public const string Trending = "trending";

    /// <summary>The grain that publishes <paramref name="topic"/>: a room (and its language topics), a note, a user's inbox.</summary>
    public static IEventSourceGrain SourceOf(IGrainFactory grains, string topic) => topic.Split('/', 3) switch
    {
        ["room", { Length: > 0 } roomId, ..] => grains.GetGrain<IRoomGrain>(roomId),
        ["note", { Length: > 0 } noteId, ..] => grains.GetGrain<INoteThreadGrain>(noteId),
        ["user", { Length: > 0 } userId] => grains.GetGrain<IInboxGrain>(userId),
        ["dm", { Length: > 0 } userId, ..] => grains.GetGrain<IDirectMailboxGrain>(userId),
        ["tag", { Length: > 0 } tag] => grains.GetGrain<ITopicGrain>(tag),
        [Trending] => grains.GetGrain<ITrendingGrain>(TrendingGrain.Key),
        _ => throw new ArgumentException($"'{topic}' names no grain.", nameof(topic)),
    };
}
