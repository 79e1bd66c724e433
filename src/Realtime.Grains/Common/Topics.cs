namespace Realtime.Grains.Common;

/// <summary>The one place that names event topics, so publishers and subscribers agree.</summary>
public static class Topics
{
    /// <summary>Everything every viewer of a room receives.</summary>
    public static string Room(string roomId) => "room/" + roomId;

    /// <summary>Events for the readers of one language in a room (translations).</summary>
    public static string RoomLanguage(string roomId, string language) => "room/" + roomId + "/lang/" + language;
}
