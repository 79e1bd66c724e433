using Realtime.Client;
using Realtime.Contracts.Direct;
using Realtime.Contracts.Errors;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>Private conversations over the hub of a real silo: delivery, guarantees, privacy, blocks and the contact filter.</summary>
public sealed class DirectMessageTests(ModerationSiloFixture fixture) : IClassFixture<ModerationSiloFixture>, IAsyncLifetime
{
    private readonly NoteWorld _world = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task AMessageReachesEveryConnectionOfBothParticipantsAfterItsAck()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var annPhone = await _world.ConnectAsync(ann);
        var annLaptop = await _world.ConnectAsync(ann);
        var bobPhone = await _world.ConnectAsync(bob);
        var (onAnnLaptop, onBob) = (Log(annLaptop), Log(bobPhone));
        var bobUnread = new EventLog<DirectUnread>();
        bobPhone.OnDirectUnread(bobUnread.Add);
        await Ready(annLaptop, bobPhone);

        var ack = await annPhone.SendDirectMessageAsync(bob, "m1", "  Are you at the market tonight?  ");

        Assert.Equal(ConversationIds.For(ann, bob), ack.ConversationId);
        Assert.Equal((1L, false, false, false), (ack.Seq, ack.Duplicate, ack.Masked, ack.Held));
        var received = await onBob.WaitAsync(m => m.Seq == 1);
        Assert.Equal(received, await onAnnLaptop.WaitAsync(m => m.Seq == 1));
        Assert.Equal((ack.MessageId, ann, NoteWorld.NameOf(ann), "Are you at the market tonight?"), (received.MessageId, received.FromUserId, received.DisplayName, received.Text));
        Assert.Null(received.Translation);
        Assert.Equal(1, (await bobUnread.WaitAsync(u => u.Total == 1)).Total);
    }

    [Fact]
    public async Task ARetryWithTheSameClientMessageIdIsAnsweredAsADuplicateAndStoredOnce()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var client = await _world.ConnectAsync(ann);
        await _world.TokenAsync(bob);

        var first = await client.SendDirectMessageAsync(bob, "same", "hello");
        var second = await client.SendDirectMessageAsync(bob, "same", "hello again");

        Assert.Equal((first.Seq, first.MessageId, true), (second.Seq, second.MessageId, second.Duplicate));
        var page = await client.GetDirectMessagesAsync(first.ConversationId);
        Assert.Equal(["hello"], page.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task OnlyTheTwoParticipantsMayReadAConversation()
    {
        var (ann, bob, eve) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"), NoteWorld.NewUser("eve"));
        var ack = await (await _world.ConnectAsync(ann)).SendDirectMessageAsync(await Known(bob), "m", "secret");
        var eveClient = await _world.ConnectAsync(eve);

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => eveClient.GetDirectMessagesAsync(ack.ConversationId));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => eveClient.MarkConversationReadAsync(ack.ConversationId, 1));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => eveClient.GetDirectMessagesAsync(bob + "." + ann));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => eveClient.GetDirectMessagesAsync("no-dot"));
        var anonymous = await _world.ConnectAsync(null);
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.SendDirectMessageAsync(bob, "m", "hi"));
        Assert.Equal(["secret"], (await (await _world.ConnectAsync(bob)).GetDirectMessagesAsync(ack.ConversationId)).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task BadRecipientsAndTextsAreRefusedAndStoreNothing()
    {
        var ann = NoteWorld.NewUser("ann");
        var client = await _world.ConnectAsync(ann);
        var bob = await Known(NoteWorld.NewUser("bob"));

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => client.SendDirectMessageAsync(NoteWorld.NewUser("ghost"), "m", "hi"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.SendDirectMessageAsync(ann, "m", "hi me"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.SendDirectMessageAsync(bob, "m", "   "));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.SendDirectMessageAsync(bob, "m", new string('x', 1001)));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => client.SendDirectMessageAsync("bad id", "m", "hi"));
        Assert.Empty(await client.GetConversationsAsync());
    }

    [Fact]
    public async Task TheConversationListShowsTheLatestFirstWithUnreadCountsAndReadingClearsThem()
    {
        var (me, ann, bob) = (NoteWorld.NewUser("me"), NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var mine = await _world.ConnectAsync(me);
        var myOther = await _world.ConnectAsync(me);
        var unread = new EventLog<DirectUnread>();
        myOther.OnDirectUnread(unread.Add);
        await Ready(myOther);
        var annClient = await _world.ConnectAsync(ann);
        var bobClient = await _world.ConnectAsync(bob);
        await annClient.SendDirectMessageAsync(me, "a1", "first from ann");
        await annClient.SendDirectMessageAsync(me, "a2", "second from ann");
        await bobClient.SendDirectMessageAsync(me, "b1", "hi from bob");
        await unread.WaitAsync(u => u.Total == 3);

        var list = await mine.GetConversationsAsync();

        Assert.Equal([(bob, "hi from bob", 1L), (ann, "second from ann", 2L)], list.Select(c => (c.OtherUserId, c.LastMessage!.Text, c.Unread)));
        Assert.Equal(NoteWorld.NameOf(bob), list[0].OtherDisplayName);
        var read = await mine.MarkConversationReadAsync(ConversationIds.For(me, ann), 1);
        Assert.Equal((1L, 1L, 2L), (read.ReadUpTo, read.Unread, read.Total));
        await unread.WaitAsync(u => u.Total == 2);
        read = await mine.MarkConversationReadAsync(ConversationIds.For(me, ann), 99);
        Assert.Equal((2L, 0L, 1L), (read.ReadUpTo, read.Unread, read.Total));
        var page = await annClient.GetDirectMessagesAsync(read.ConversationId);
        Assert.Equal((2L, 0L, 2L), (page.LastSeq, page.ReadUpTo, page.OtherReadUpTo));
    }

    [Fact]
    public async Task AResumeReturnsExactlyTheMessagesAfterTheGivenSeq()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var annClient = await _world.ConnectAsync(ann);
        await Known(bob);
        for (var i = 1; i <= 7; i++)
        {
            await annClient.SendDirectMessageAsync(bob, "m" + i, "line " + i);
        }

        var bobClient = await _world.ConnectAsync(bob);
        var conversationId = ConversationIds.For(ann, bob);
        var page = await bobClient.GetDirectMessagesAsync(conversationId, sinceSeq: 4);
        var latest = await bobClient.GetDirectMessagesAsync(conversationId, sinceSeq: null, limit: 3);

        Assert.Equal([5L, 6L, 7L], page.Messages.Select(m => m.Seq));
        Assert.True(page.Recovered);
        Assert.Equal([5L, 6L, 7L], latest.Messages.Select(m => m.Seq));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => bobClient.GetDirectMessagesAsync(conversationId, -1));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => bobClient.GetDirectMessagesAsync(conversationId, null, 0));
    }

    [Fact]
    public async Task ABlockedUsersMessagesAreRefusedAndNothingIsStoredUntilUnblocked()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var annClient = await _world.ConnectAsync(ann);
        var bobClient = await _world.ConnectAsync(bob);
        await annClient.SendDirectMessageAsync(bob, "m1", "hi bob");

        await bobClient.BlockUserAsync(ann);
        await HubAssert.FailsWith(ErrorCodes.Blocked, () => annClient.SendDirectMessageAsync(bob, "m2", "why no answer?"));
        await HubAssert.FailsWith(ErrorCodes.Blocked, () => bobClient.SendDirectMessageAsync(ann, "b1", "go away"));
        Assert.Equal(["hi bob"], (await bobClient.GetDirectMessagesAsync(ConversationIds.For(ann, bob))).Messages.Select(m => m.Text));

        await bobClient.UnblockUserAsync(ann);
        Assert.Equal(2, (await annClient.SendDirectMessageAsync(bob, "m3", "sorry")).Seq);
    }

    [Fact]
    public async Task ContactDetailsInADirectMessageAreRefusedAndNothingIsStored()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var annClient = await _world.ConnectAsync(ann);
        await Known(bob);

        foreach (var text in new[] { "call me 138 0013 8000", "加我微信 xiaomei_888", "write to ann at gmail dot com", "escríbeme por WhatsApp +34 612 345 678" })
        {
            await HubAssert.FailsWith(ErrorCodes.ContactBlocked, () => annClient.SendDirectMessageAsync(bob, Guid.NewGuid().ToString("N"), text));
        }

        var ok = await annClient.SendDirectMessageAsync(bob, "price", "it costs ¥199 and ships on 2026-12-04");
        Assert.Equal((1L, false), (ok.Seq, ok.Masked));
        var bobClient = await _world.ConnectAsync(bob);
        await HubAssert.FailsWith(ErrorCodes.ContactBlocked, () => bobClient.SendDirectMessageAsync(ann, "reply", "my number is 138 0013 8000"));
    }

    [Fact]
    public async Task AVerifiedBusinessMayGiveContactsOnlyWhereTheOtherUserOpenedTheConversation()
    {
        var buyer = NoteWorld.NewUser("buyer");
        var shop = await _world.ConnectAsync(ModerationSiloFixture.Business);
        var buyerClient = await _world.ConnectAsync(buyer);
        var stranger = await Known(NoteWorld.NewUser("stranger"));

        await HubAssert.FailsWith(ErrorCodes.ContactBlocked, () => shop.SendDirectMessageAsync(stranger, "s1", "WeChat: shop_official_88"));
        await buyerClient.SendDirectMessageAsync(ModerationSiloFixture.Business, "q", "Do you ship to Madrid?");
        var reply = await shop.SendDirectMessageAsync(buyer, "r", "Yes! Our service line is +34 612 345 678");

        Assert.Equal(2, reply.Seq);
        Assert.Contains("+34 612 345 678", (await buyerClient.GetDirectMessagesAsync(reply.ConversationId, 1)).Messages.Single().Text, StringComparison.Ordinal);
        await HubAssert.FailsWith(ErrorCodes.ContactBlocked, () => buyerClient.SendDirectMessageAsync(ModerationSiloFixture.Business, "q2", "mine is 138 0013 8000"));
    }

    /// <summary>
    /// Answers once the connections take their users' direct-message events: a connection's first
    /// call is served after the silo subscribed it (the contract: read the list, then follow events).
    /// </summary>
    private static async Task Ready(params RealtimeClient[] clients)
    {
        foreach (var client in clients)
        {
            await client.GetConversationsAsync();
        }
    }

    private static EventLog<DirectMessage> Log(RealtimeClient client)
    {
        var log = new EventLog<DirectMessage>();
        client.OnDirectMessage(log.Add);
        return log;
    }

    private async Task<string> Known(string userId)
    {
        await _world.TokenAsync(userId);
        return userId;
    }
}
