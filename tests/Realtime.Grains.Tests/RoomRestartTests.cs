using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>What a room is after its silo stops in order or crashes: the same room, same history.</summary>
public sealed class RoomRestartTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_epoch_stays_the_same_across_a_restart(bool crash)
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 3);
        var before = (await JoinAsync(roomId)).Epoch;

        await RestartAsync(crash);

        Assert.Equal(before, (await JoinAsync(roomId)).Epoch);
    }

    [Fact]
    public async Task Two_rooms_have_different_epochs()
    {
        var first = await CreateRoomAsync();
        var second = await CreateRoomAsync();

        Assert.NotEqual((await JoinAsync(first)).Epoch, (await JoinAsync(second)).Epoch);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_acknowledged_message_is_there_after_a_restart(bool crash)
    {
        var roomId = await CreateRoomAsync("Kept");
        var acks = await SendManyAsync(roomId, 120);

        await RestartAsync(crash);

        var snapshot = await JoinAsync(roomId, sinceSeq: 0);
        Assert.True(snapshot.Recovered);
        Assert.Equal(120, snapshot.LastSeq);
        Assert.Equal(acks.Select(a => a.MessageId), snapshot.Messages.Select(m => m.MessageId));
        Assert.Equal("Kept", snapshot.Title);
        Assert.Equal(HostUser, snapshot.HostId);
    }

    [Fact]
    public async Task Seqs_continue_after_a_restart()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 7);

        await RestartAsync(crash: true);

        Assert.Equal(8, (await SendAsync(roomId, "u1", "after")).Seq);
    }

    [Fact]
    public async Task A_resume_after_a_restart_returns_exactly_the_missed_messages()
    {
        var roomId = await CreateRoomAsync();
        var acks = await SendManyAsync(roomId, 1030);

        await RestartAsync(crash: false);

        var snapshot = await JoinAsync(roomId, sinceSeq: 100);
        Assert.True(snapshot.Recovered);
        Assert.Equal(acks.Skip(100).Select(a => a.MessageId), snapshot.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Slow_mode_survives_a_restart()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).SetSlowModeAsync(HostUser, 20);

        await RestartAsync(crash: true);

        Assert.Equal(20, (await JoinAsync(roomId)).SlowModeSeconds);
    }
}
