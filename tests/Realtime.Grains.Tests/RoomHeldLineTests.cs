using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Lines held for review: out of every snapshot and stream until released under a new seq, which storage keeps.</summary>
public sealed class RoomHeldLineTests() : RoomTestBase(shared: null)
{
    [Fact]
    public async Task A_released_line_goes_out_under_a_new_seq_and_storage_keeps_it_there_for_history_and_retries()
    {
        var roomId = await CreateRoomAsync();
        var held = await Room(roomId).SendChatAsync(new SendChatCommand("ann", "ANN", "h1", "held line", "en", null, Held: true));
        var visible = await SendAsync(roomId, "bob", "b1", "visible line");
        Assert.True(held.Held);
        Assert.Equal([visible.Seq], (await JoinAsync(roomId, sinceSeq: 0)).Messages.Select(m => m.Seq));
        Assert.Null(await Room(roomId).FindAsync(held.Seq));

        await Room(roomId).ModerateAsync(held.Seq, approve: true);

        var released = await Events.WaitForAsync<ChatMessage>(HubEvents.Chat, m => m.MessageId == held.MessageId, "the released line");
        Assert.True(released.Seq > visible.Seq);
        await RestartAsync(crash: false);
        Assert.Equal(["visible line", "held line"], (await JoinAsync(roomId, sinceSeq: 0)).Messages.Select(m => m.Text));
        var retry = await Room(roomId).SendChatAsync(new SendChatCommand("ann", "ANN", "h1", "held line", "en", null, Held: true));
        Assert.Equal((released.Seq, true, false), (retry.Seq, retry.Duplicate, retry.Held));
    }

    [Fact]
    public async Task A_rejected_held_line_is_dropped_and_a_retry_of_it_is_not_held_again()
    {
        var roomId = await CreateRoomAsync();
        var held = await Room(roomId).SendChatAsync(new SendChatCommand("ann", "ANN", "h1", "held line", "en", null, Held: true));

        await Room(roomId).ModerateAsync(held.Seq, approve: false);

        await Events.WaitForAsync<ChatDeleted>(HubEvents.ChatDeleted, d => d.Seq == held.Seq, "the drop");
        var retry = await Room(roomId).SendChatAsync(new SendChatCommand("ann", "ANN", "h1", "held line", "en", null, Held: true));
        Assert.Equal((held.Seq, true, false), (retry.Seq, retry.Duplicate, retry.Held));
        Assert.Empty((await JoinAsync(roomId, sinceSeq: 0)).Messages);
    }
}
