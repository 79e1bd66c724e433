using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Durability;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>
/// A commit is durable once the room's state is written; its lines reach the log store after it.
/// What happens when either step fails.
/// </summary>
public sealed class RoomDurabilityTests() : RoomTestBase(shared: null)
{
    [Fact]
    public async Task A_line_acknowledged_while_the_log_store_refused_it_survives_a_crash_because_the_next_activation_applies_it()
    {
        var roomId = await CreateRoomAsync();
        await SendAsync(roomId, "ann", "before");
        Host.Faults.RefuseLogWrites(true);

        var ack = await SendAsync(roomId, "ann", "kept", "acknowledged, not yet in the log");
        await RestartAsync(crash: true);

        var history = await JoinAsync(roomId, sinceSeq: 0);
        Assert.Equal([1L, 2], history.Messages.Select(m => m.Seq));
        Assert.Equal("acknowledged, not yet in the log", history.Messages[1].Text);
        var retry = await SendAsync(roomId, "ann", "kept", "acknowledged, not yet in the log");
        Assert.True(retry.Duplicate);
        Assert.Equal(ack.Seq, retry.Seq);
    }

    [Fact]
    public async Task A_line_refused_because_storage_is_down_commits_once_when_it_is_back_and_its_retry_is_a_duplicate()
    {
        var roomId = await CreateRoomAsync();
        Host.Faults.RefuseWrites("room");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => SendAsync(roomId, "ann", "c1", "during the outage"));
        Assert.Empty(Events.All<ChatMessage>(HubEvents.Chat, m => m.RoomId == roomId));
        Host.Faults.RefuseWrites(null);
        var retry = await SendAsync(roomId, "ann", "c1", "during the outage");

        Assert.True(retry.Duplicate);
        Assert.Equal(1, retry.Seq);
        await ChatEventAsync(roomId, 1);
        var history = await JoinAsync(roomId, sinceSeq: 0);
        Assert.Equal([1L], history.Messages.Select(m => m.Seq));
        var next = await SendAsync(roomId, "ann", "c2");
        await ChatEventAsync(roomId, next.Seq);
        Assert.Single(Events.All<ChatMessage>(HubEvents.Chat, m => m.RoomId == roomId && m.Seq == 1));
    }
}
