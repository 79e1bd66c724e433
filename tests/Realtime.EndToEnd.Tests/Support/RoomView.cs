using Realtime.Client;
using Realtime.Contracts.Rooms;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// What a newcomer sees of a room (a fresh connection's join snapshot), in a form that compares
/// with <c>Assert.Equal</c>: tests take one before a refused call and one after.
/// </summary>
public sealed record RoomView(long LastSeq, string Messages, long? PinnedSeq, int SlowModeSeconds, long Likes, long Viewers, string Epoch)
{
    /// <summary>
    /// Joins <paramref name="roomId"/> from a new anonymous connection, describes what it shows and
    /// leaves again, so reading a room twice shows the same viewer count.
    /// </summary>
    public static async Task<RoomView> ReadAsync(SiloClients clients, string roomId)
    {
        var watcher = await clients.ConnectAsync(null);
        var view = Of(await watcher.JoinRoomAsync(roomId));
        await watcher.LeaveRoomAsync(roomId);
        return view;
    }

    /// <summary>Describes a snapshot.</summary>
    public static RoomView Of(RoomSnapshot snapshot) => new(
        snapshot.LastSeq,
        string.Join(" | ", snapshot.Messages.Select(m => $"{m.Seq}:{m.UserId}:{m.Text}")),
        snapshot.Pinned?.Seq,
        snapshot.SlowModeSeconds,
        snapshot.Likes,
        snapshot.Viewers,
        snapshot.Epoch);
}
