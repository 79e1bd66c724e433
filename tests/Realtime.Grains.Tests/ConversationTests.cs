using Realtime.Contracts.Direct;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Direct;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A conversation's durability and its updates to both participants' mailboxes, on the grains alone.</summary>
public sealed class ConversationTests() : RoomTestBase(shared: null)
{
    private const string Ann = "ann";
    private const string Bob = "bob";

    private static string ConversationId => ConversationIds.For(Ann, Bob);

    private IConversationGrain Conversation => Host.Grains.GetGrain<IConversationGrain>(ConversationId);

    [Fact]
    public async Task A_message_acknowledged_while_the_log_store_refused_it_survives_a_crash_and_its_retry_is_a_duplicate()
    {
        await SendAsync(Ann, "m1", "before");
        Host.Faults.RefuseLogWrites(true);

        var ack = await SendAsync(Ann, "m2", "acknowledged, not yet in the log");
        await RestartAsync(crash: true);
        Host.Faults.RefuseLogWrites(false);

        var page = await Conversation.ReadAsync(Bob, 0, 50, null);
        Assert.Equal(["before", "acknowledged, not yet in the log"], page.Messages.Select(m => m.Text));
        var retry = await SendAsync(Ann, "m2", "acknowledged, not yet in the log");
        Assert.Equal((ack.Seq, ack.MessageId, true), (retry.Seq, retry.MessageId, retry.Duplicate));
    }

    [Fact]
    public async Task A_mailbox_that_refused_an_update_gets_it_once_storage_is_back_and_announces_the_message_once()
    {
        await Host.SubscribeAsync(Topics.Direct(Bob));
        Host.Faults.RefuseWrites(DirectMailboxGrain.StateName);

        var ack = await SendAsync(Ann, "m1", "are you there?");
        Host.Faults.RefuseWrites(null);

        var arrived = await Events.WaitForAsync<DirectMessage>(HubEvents.DirectMessage, m => m.Seq == ack.Seq, "the message in bob's mailbox");
        Assert.Equal("are you there?", arrived.Text);
        var list = await Host.Grains.GetGrain<IDirectMailboxGrain>(Bob).ListAsync(10);
        Assert.Equal((ConversationId, Ann, 1L), (list.Single().ConversationId, list.Single().OtherUserId, list.Single().Unread));
        await Events.WaitForAsync<DirectUnread>(HubEvents.DirectUnread, u => u.Total == 1, "bob's unread total");
        var next = await SendAsync(Ann, "m2", "hello?");
        await Events.WaitForAsync<DirectMessage>(HubEvents.DirectMessage, m => m.Seq == next.Seq, "the next message");
        Assert.Single(Events.All<DirectMessage>(HubEvents.DirectMessage, m => m.Seq == ack.Seq));
    }

    [Fact]
    public async Task Someone_else_cannot_write_read_or_block_in_a_conversation()
    {
        await RefusedAsync("forbidden", () => SendAsync("eve", "m1", "hi"));
        await RefusedAsync("forbidden", () => Conversation.ReadAsync("eve", null, 10, null));
        await RefusedAsync("forbidden", () => Conversation.SetBlockedAsync("eve", true));
        await RefusedAsync("forbidden", () => Conversation.MarkReadAsync("eve", 1));
    }

    [Fact]
    public async Task A_held_message_is_shown_to_nobody_and_approval_sends_it_under_a_new_seq()
    {
        await Host.SubscribeAsync(Topics.Direct(Bob));
        var held = await Conversation.SendAsync(new SendDirectCommand(Ann, "ANN", "h1", "held one", "en", false, Held: true, false));
        var visible = await SendAsync(Ann, "m2", "visible one");

        Assert.True(held.Held);
        Assert.Equal(["visible one"], (await Conversation.ReadAsync(Bob, 0, 50, null)).Messages.Select(m => m.Text));
        await Conversation.ModerateAsync(held.Seq, approve: true);

        var released = await Events.WaitForAsync<DirectMessage>(HubEvents.DirectMessage, m => m.MessageId == held.MessageId, "the released message");
        Assert.True(released.Seq > visible.Seq);
        Assert.Equal(["visible one", "held one"], (await Conversation.ReadAsync(Bob, 0, 50, null)).Messages.Select(m => m.Text));
        Assert.Equal(released.Seq, (await Conversation.SendAsync(new SendDirectCommand(Ann, "ANN", "h1", "held one", "en", false, true, false))).Seq);

        // From storage alone, the released message is where it went and a retry still finds it.
        await RestartAsync(crash: false);
        Assert.Equal(["visible one", "held one"], (await Conversation.ReadAsync(Bob, 0, 50, null)).Messages.Select(m => m.Text));
        var retry = await Conversation.SendAsync(new SendDirectCommand(Ann, "ANN", "h1", "held one", "en", false, true, false));
        Assert.Equal((released.Seq, true, false), (retry.Seq, retry.Duplicate, retry.Held));
    }

    [Fact]
    public async Task A_rejected_held_message_is_gone_its_writer_learns_it_and_a_retry_is_no_longer_held()
    {
        await Host.SubscribeAsync(Topics.Direct(Ann));
        var held = await Conversation.SendAsync(new SendDirectCommand(Ann, "ANN", "h1", "held one", "en", false, Held: true, false));

        await Conversation.ModerateAsync(held.Seq, approve: false);

        await Events.WaitForAsync<DirectMessageDeleted>(HubEvents.DirectMessageDeleted, d => d.Seq == held.Seq, "the writer told of the removal");
        Assert.Empty((await Conversation.ReadAsync(Bob, 0, 50, null)).Messages);
        var retry = await Conversation.SendAsync(new SendDirectCommand(Ann, "ANN", "h1", "held one", "en", false, true, false));
        Assert.Equal((held.Seq, true, false), (retry.Seq, retry.Duplicate, retry.Held));
    }

    private Task<DirectAck> SendAsync(string from, string clientMessageId, string text) =>
        Conversation.SendAsync(new SendDirectCommand(from, from.ToUpperInvariant(), clientMessageId, text, "en", Masked: false, Held: false, GivesContacts: false));
}
