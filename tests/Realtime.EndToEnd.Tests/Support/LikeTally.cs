using Realtime.Testing;
using Realtime.Client;
using Realtime.Contracts.Rooms;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// Watches a room's like counter. Refused <c>Like</c> calls are proved harmless with a barrier:
/// after them an accepted call adds a known number of taps, and the counter must settle on exactly
/// the expected total. A refused call that had slipped through would have reached the room no later
/// than the barrier (taps are summed per silo and flushed in order), so it would show.
/// </summary>
public sealed class LikeTally
{
    private readonly EventLog<RoomCounters> _counters = new();
    private string _roomId = string.Empty;

    public IReadOnlyList<RoomCounters> Seen => _counters.Items;

    /// <summary>Joins <paramref name="roomId"/> on a new anonymous connection and records its counters.</summary>
    public static async Task<LikeTally> WatchAsync(SiloClients clients, string roomId)
    {
        var tally = new LikeTally { _roomId = roomId };
        var watcher = await clients.ConnectAsync(null);
        watcher.OnRoomCounters(tally._counters.Add);
        await watcher.JoinRoomAsync(roomId);
        return tally;
    }

    /// <summary>Waits until the counter shows exactly <paramref name="likes"/>.</summary>
    public Task<RoomCounters> WaitForAsync(long likes) => _counters.WaitAsync(c => c.RoomId == _roomId && c.Likes == likes);

    /// <summary>
    /// Sends <paramref name="barrierTaps"/> from <paramref name="liker"/>, waits for the counter to
    /// reach <paramref name="expectedBefore"/> + the barrier, and asserts it never went above that.
    /// </summary>
    public async Task AssertSettlesAtAsync(RealtimeClient liker, long expectedBefore, int barrierTaps = 1)
    {
        var total = expectedBefore + barrierTaps;
        await liker.LikeAsync(_roomId, barrierTaps);
        await WaitForAsync(total);
        Assert.DoesNotContain(_counters.Items, c => c.Likes > total);
    }
}
