namespace Realtime.Grains.Directory;

/// <summary>One room in the directory.</summary>
public sealed record RoomDirectoryEntry(string RoomId, string Title, string HostId, long Viewers, long Likes, DateTimeOffset CreatedAt);
