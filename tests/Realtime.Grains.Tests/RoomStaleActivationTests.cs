using Realtime.Grains.Durability;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>
/// Newer state written behind an activation's back (a second activation of the room, as a
/// directory that briefly disagrees after a failure allows) fences that activation off: its next
/// write is refused, it deactivates, and the call retried reaches a fresh one on the newer state.
/// </summary>
public sealed class RoomStaleActivationTests() : RoomTestBase(shared: null)
{
    [Fact]
    public async Task A_write_from_an_activation_whose_state_was_overwritten_fails_as_stale_and_the_retry_succeeds_on_the_newer_state()
    {
        var roomId = await CreateRoomAsync();
        var first = await SendAsync(roomId, "ann", "c1", "first");

        // A second cluster on the same database and service id activates the room too and writes.
        string otherLine;
        await using (var other = await Fixture.StartClusterAsync())
        {
            var ack = await other.Grains.GetGrain<Rooms.IRoomGrain>(roomId).SendChatAsync(
                new Rooms.SendChatCommand("bob", "BOB", "c1", "from the other activation", "en", null));
            Assert.Equal(2, ack.Seq);
            otherLine = ack.MessageId;
            await other.StopAsync();
        }

        await Assert.ThrowsAsync<StaleActivationException>(() => SendAsync(roomId, "cat", "c1", "late"));

        var retry = await SendAsync(roomId, "cat", "c1", "late");
        Assert.False(retry.Duplicate);
        Assert.Equal(3, retry.Seq);
        var snapshot = await JoinAsync(roomId, sinceSeq: 0);
        Assert.Equal(3, snapshot.LastSeq);
        Assert.Equal([first.MessageId, otherLine, retry.MessageId], snapshot.Messages.Select(m => m.MessageId));
        Assert.Equal(["first", "from the other activation", "late"], snapshot.Messages.Select(m => m.Text));
    }
}
