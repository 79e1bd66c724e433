using Realtime.Contracts.Errors;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

public sealed class RoomCreationTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Creating_a_room_makes_the_caller_its_host()
    {
        var roomId = await CreateRoomAsync("Evening show");

        var snapshot = await JoinAsync(roomId);

        Assert.Equal(roomId, snapshot.RoomId);
        Assert.Equal("Evening show", snapshot.Title);
        Assert.Equal(HostUser, snapshot.HostId);
        Assert.Equal(0, snapshot.LastSeq);
        Assert.Empty(snapshot.Messages);
        Assert.Null(snapshot.Pinned);
        Assert.False(string.IsNullOrEmpty(snapshot.Epoch));
    }

    [Fact]
    public async Task A_second_create_of_the_same_room_fails_with_conflict_and_changes_nothing()
    {
        var roomId = await CreateRoomAsync("First");

        await RefusedAsync(ErrorCodes.Conflict, () => Room(roomId).CreateAsync(new CreateRoomCommand("Second", "intruder")));

        var summary = await Room(roomId).GetSummaryAsync();
        Assert.NotNull(summary);
        Assert.Equal("First", summary.Title);
        Assert.Equal(HostUser, summary.HostId);
    }

    [Fact]
    public async Task Two_creates_racing_for_one_room_let_exactly_one_caller_become_host()
    {
        var roomId = "race-" + Guid.NewGuid().ToString("N")[..8];
        var room = Room(roomId);

        // Issued together, both calls queue up before the first one's write commits.
        var first = room.CreateAsync(new CreateRoomCommand("A", "alice"));
        var second = room.CreateAsync(new CreateRoomCommand("B", "bob"));
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Single(outcomes, o => o is null);
        var summary = await room.GetSummaryAsync();
        Assert.Equal(winner!.HostId, summary!.HostId);
        Assert.Equal(winner.Title, summary.Title);

        static async Task<RoomSummary?> Outcome(Task<RoomSummary> create)
        {
            try
            {
                return await create;
            }
            catch (RealtimeException e) when (e.Code == ErrorCodes.Conflict)
            {
                return null;
            }
        }
    }

    [Fact]
    public async Task Joining_a_room_that_does_not_exist_fails_with_not_found()
    {
        await RefusedAsync(ErrorCodes.NotFound, () => JoinAsync("no-such-room"));
    }

    [Fact]
    public async Task A_room_that_does_not_exist_has_no_summary()
    {
        Assert.Null(await Room("no-such-room").GetSummaryAsync());
    }

    [Fact]
    public async Task Host_only_calls_on_a_room_that_does_not_exist_fail_with_not_found()
    {
        var room = Room("no-such-room");

        await RefusedAsync(ErrorCodes.NotFound, () => room.SetSlowModeAsync(HostUser, 5));
        await RefusedAsync(ErrorCodes.NotFound, () => room.PinChatAsync(HostUser, 1));
        await RefusedAsync(ErrorCodes.NotFound, () => room.BanAsync(HostUser, "u1", 5));
        await RefusedAsync(ErrorCodes.NotFound, () => room.DeleteChatAsync(HostUser, 1));
    }

    [Fact]
    public async Task Chatting_in_a_room_that_does_not_exist_fails_with_not_found()
    {
        await RefusedAsync(ErrorCodes.NotFound, () => SendAsync("no-such-room", "u1", "c1"));
    }
}
