using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Grains.Inbox;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A user's inbox on its own: idempotent delivery, unread counts, reading, paging.</summary>
public sealed class InboxTests : NoteTestBase
{
    private const string Owner = "owner";

    [Fact]
    public async Task Delivering_the_same_delivery_twice_keeps_one_item()
    {
        await WatchInboxAsync(Owner);
        var delivery = Delivery("comment/n1/c1");

        await Inbox(Owner).DeliverAsync(delivery);
        await Inbox(Owner).DeliverAsync(delivery);

        var page = await Inbox(Owner).GetAsync(null, 50);
        var item = Assert.Single(page.Items);
        Assert.Equal((1L, 1L, 1L), (item.Seq, page.Unread, page.LastSeq));
        Assert.Single(InboxEvents(Owner).All<InboxItem>(HubEvents.Notification, _ => true));
    }

    [Fact]
    public async Task Concurrent_copies_of_a_delivery_keep_one_item()
    {
        var delivery = Delivery("comment/n1/c1");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Inbox(Owner).DeliverAsync(delivery)));

        var page = await Inbox(Owner).GetAsync(null, 50);
        Assert.Single(page.Items);
        Assert.Equal(1, page.Unread);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_delivery_replayed_after_a_restart_keeps_one_item(bool crash)
    {
        var delivery = Delivery("comment/n1/c1");
        await Inbox(Owner).DeliverAsync(delivery);
        await Inbox(Owner).DeliverAsync(Delivery("comment/n1/c2", commentId: "c2"));

        await RestartAsync(crash);
        await Inbox(Owner).DeliverAsync(delivery);

        var page = await Inbox(Owner).GetAsync(null, 50);
        Assert.Equal(["c1", "c2"], page.Items.Select(i => i.CommentId));
        Assert.Equal(2, page.Unread);
    }

    [Fact]
    public async Task A_delivery_replayed_after_it_was_read_stays_read()
    {
        var delivery = Delivery("comment/n1/c1");
        await Inbox(Owner).DeliverAsync(delivery);
        await Inbox(Owner).MarkReadAsync(1);
        await RestartAsync(crash: false);

        await Inbox(Owner).DeliverAsync(delivery);

        var page = await Inbox(Owner).GetAsync(null, 50);
        Assert.Single(page.Items);
        Assert.Equal(0, page.Unread);
    }

    [Fact]
    public async Task A_comment_item_shows_who_and_what_was_said()
    {
        await WatchInboxAsync(Owner);

        await Inbox(Owner).DeliverAsync(Delivery("reply/n1/c7", InboxKinds.Reply, "c7", "good question, it was at dawn"));

        var item = await NotificationAsync(Owner, _ => true, "the reply");
        Assert.Equal(new InboxItem(1, InboxKinds.Reply, "n1", "c7", "ann", "Ann", "Ann replied to your comment: good question, it was at dawn", Clock.UtcNow, 1), item);
    }

    [Fact]
    public async Task A_long_comment_is_quoted_shortened_in_the_preview()
    {
        var text = new string('a', 79) + "😀" + new string('b', 50);

        await Inbox(Owner).DeliverAsync(Delivery("comment/n1/c1", text: text));

        var preview = Assert.Single((await Inbox(Owner).GetAsync(null, 50)).Items).Preview;
        Assert.Equal("Ann commented on your note: " + new string('a', 79) + "…", preview);
    }

    [Fact]
    public async Task Marking_read_sets_the_unread_count_and_tells_every_connection_of_the_user()
    {
        await WatchInboxAsync(Owner);
        for (var i = 1; i <= 3; i++)
        {
            await Inbox(Owner).DeliverAsync(Delivery($"comment/n1/c{i}", commentId: $"c{i}"));
        }

        var unread = await Inbox(Owner).MarkReadAsync(2);

        Assert.Equal(1, unread.Unread);
        Assert.Equal(new InboxUnread(1), await InboxEvents(Owner).WaitForAsync(HubEvents.InboxUnread, (InboxUnread _) => true, "inboxUnread"));
        Assert.Equal(1, (await Inbox(Owner).GetAsync(null, 50)).Unread);

        var after = InboxEvents(Owner).Count;
        Assert.Equal(0, (await Inbox(Owner).MarkReadAsync(long.MaxValue)).Unread);
        Assert.Equal(new InboxUnread(0), await InboxEvents(Owner).WaitForAsync(HubEvents.InboxUnread, (InboxUnread _) => true, "inboxUnread 0", after));
        Assert.Equal(0, (await Inbox(Owner).GetAsync(null, 50)).Unread);
    }

    [Fact]
    public async Task Marking_read_what_is_already_read_changes_nothing()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Inbox(Owner).DeliverAsync(Delivery($"comment/n1/c{i}", commentId: $"c{i}"));
        }

        await Inbox(Owner).MarkReadAsync(2);

        Assert.Equal(1, (await Inbox(Owner).MarkReadAsync(1)).Unread);
        Assert.Equal(1, (await Inbox(Owner).MarkReadAsync(2)).Unread);
        Assert.Equal(1, (await Inbox(Owner).MarkReadAsync(0)).Unread);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_state_survives_a_restart(bool crash)
    {
        for (var i = 1; i <= 4; i++)
        {
            await Inbox(Owner).DeliverAsync(Delivery($"comment/n1/c{i}", commentId: $"c{i}"));
        }

        await Inbox(Owner).MarkReadAsync(3);
        await RestartAsync(crash);

        Assert.Equal(1, (await Inbox(Owner).GetAsync(null, 50)).Unread);
        await Inbox(Owner).DeliverAsync(Delivery("comment/n1/c5", commentId: "c5"));
        var page = await Inbox(Owner).GetAsync(null, 50);
        Assert.Equal((2L, 5L), (page.Unread, page.LastSeq));
        Assert.Equal(2, page.Items[^1].Unread);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Getting_without_a_seq_returns_the_latest_items_in_ascending_seq(bool restart)
    {
        for (var i = 1; i <= 7; i++)
        {
            await Inbox(Owner).DeliverAsync(Delivery($"comment/n1/c{i}", commentId: $"c{i}"));
        }

        if (restart)
        {
            await RestartAsync(crash: false);
        }

        var page = await Inbox(Owner).GetAsync(null, 3);

        Assert.Equal([5L, 6L, 7L], page.Items.Select(i => i.Seq));
        Assert.Equal(["c5", "c6", "c7"], page.Items.Select(i => i.CommentId));
        Assert.Equal((7L, 7L), (page.LastSeq, page.Unread));
        Assert.Equal(7, (await Inbox(Owner).GetAsync(null, 200)).Items.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Getting_from_a_seq_returns_the_items_after_it_in_ascending_seq(bool restart)
    {
        for (var i = 1; i <= 7; i++)
        {
            await Inbox(Owner).DeliverAsync(Delivery($"comment/n1/c{i}", commentId: $"c{i}"));
        }

        if (restart)
        {
            await RestartAsync(crash: false);
        }

        Assert.Equal([3L, 4L, 5L, 6L, 7L], (await Inbox(Owner).GetAsync(2, 200)).Items.Select(i => i.Seq));
        Assert.Equal([3L, 4L], (await Inbox(Owner).GetAsync(2, 2)).Items.Select(i => i.Seq));
        Assert.Empty((await Inbox(Owner).GetAsync(7, 200)).Items);
        Assert.Equal(7, (await Inbox(Owner).GetAsync(0, 200)).Items.Count);
    }

    [Fact]
    public async Task An_empty_inbox_has_nothing_unread()
    {
        var page = await Inbox(Owner).GetAsync(null, 50);

        Assert.Equal((0L, 0L), (page.Unread, page.LastSeq));
        Assert.Empty(page.Items);
        Assert.Equal(0, (await Inbox(Owner).MarkReadAsync(10)).Unread);
    }

    private InboxDelivery Delivery(string key, string kind = InboxKinds.Comment, string commentId = "c1", string text = "nice") =>
        new(key, kind, "n1", commentId, "ann", "Ann", text, Clock.UtcNow);
}
