namespace Realtime.Grains.Directory;

/// <summary>The persisted room list.</summary>
public sealed class RoomDirectoryState
{
    public Dictionary<string, RoomDirectoryEntry> Rooms { get; set; } = new(StringComparer.Ordinal);
}
