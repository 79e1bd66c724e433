using Realtime.Contracts.Inbox;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>
/// The outbox: an acknowledged comment's notifications are durable with it. They reach the inbox
/// after a crash (already delivered, or replayed when the note activates again), are retried while
/// an inbox cannot take them, and are never shown twice.
/// </summary>
public sealed class NoteCrashTests : NoteTestBase
{
    [Fact]
    public async Task After_a_crash_an_acknowledged_comment_and_its_notification_are_both_there()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", "first!");
        await RestartAsync(crash: true);

        var snapshot = await WatchAsync(noteId);
        Assert.Equal(ack.CommentId, Assert.Single(snapshot.Comments).CommentId);
        var item = await InboxItemAsync(Author, ack.CommentId);
        Assert.Equal((InboxKinds.Comment, "ann", "Ann commented on your note: first!"), (item.Kind, item.ActorId, item.Preview));
        Assert.Single((await InboxAfterDeliveryAsync(noteId, Author)).Items);
    }

    [Fact]
    public async Task A_notification_the_inbox_could_not_take_before_a_crash_is_delivered_when_the_note_activates_again()
    {
        await RegisterAsync(Author, "ann", "bob", "cat");
        var noteId = await CreateNoteAsync();
        var parent = await CommentAsync(noteId, "ann", "m1");
        await NotificationAsync(Author, i => i.CommentId == parent.CommentId, "ann's comment");
        RefuseInboxWrites();

        var ack = await CommentAsync(noteId, "bob", "m1", "@cat see this", replyTo: parent.CommentId);
        await InboxWriteRefusedAsync(); // an attempt that fails: the inboxes cannot write
        await RestartAsync(crash: true);
        await WatchAsync(noteId);

        Assert.Equal(InboxKinds.Reply, (await NotificationAsync("ann", i => i.CommentId == ack.CommentId, "the replayed reply")).Kind);
        Assert.Equal(InboxKinds.Mention, (await NotificationAsync("cat", i => i.CommentId == ack.CommentId, "the replayed mention")).Kind);
        Assert.Equal(InboxKinds.Comment, (await NotificationAsync(Author, i => i.CommentId == ack.CommentId, "the replayed comment")).Kind);
        Assert.Equal([parent.CommentId, ack.CommentId], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => i.CommentId));
        Assert.Single((await InboxAfterDeliveryAsync(noteId, "ann")).Items);
        Assert.Single((await InboxAfterDeliveryAsync(noteId, "cat")).Items);
    }

    [Fact]
    public async Task A_notification_already_delivered_before_a_crash_is_not_shown_twice_when_the_outbox_replays()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        var ack = await CommentAsync(noteId, "ann", "m1");
        await NotificationAsync(Author, i => i.CommentId == ack.CommentId, "ann's comment");

        await RestartAsync(crash: true);
        await WatchAsync(noteId);
        await DeliveredAsync(noteId);

        var page = await Inbox(Author).GetAsync(null, 50);
        Assert.Equal([ack.CommentId], page.Items.Select(i => i.CommentId));
        Assert.Equal(1, page.Unread);
    }

    [Fact]
    public async Task A_notification_the_inbox_could_not_take_is_retried_until_it_does()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        RefuseInboxWrites();

        var ack = await CommentAsync(noteId, "ann", "m1");
        await InboxWriteRefusedAsync(); // the first attempt fails: the inbox cannot write
        EndInboxOutage();
        Clock.Advance(TimeSpan.FromSeconds(1));

        await NotificationAsync(Author, i => i.CommentId == ack.CommentId, "the retried comment");
        Assert.Single((await InboxAfterDeliveryAsync(noteId, Author)).Items);
    }

    [Fact]
    public async Task A_note_that_still_owes_a_notification_is_not_collected_as_idle_and_keeps_retrying()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        RefuseInboxWrites();
        var ack = await CommentAsync(noteId, "ann", "m1");
        await InboxWriteRefusedAsync(); // the first attempt fails: the inbox cannot write
        // The note's tick that announced the comment also asked to stay active while it owes.
        await NoteCountersAsync(noteId, c => c.Comments == 1, "the tick after the comment");

        // Idle activations are collected before any retry (which needs the clock to move). An inbox
        // still retrying its write finishes it first, so the outage ends while they are collected.
        var collecting = CollectIdleAsync(TimeSpan.Zero);
        EndInboxOutage();
        await collecting;
        Assert.True(IsActive(noteId), "the note was collected while it owed a notification");
        await WatchInboxAsync(Author);
        Clock.Advance(TimeSpan.FromSeconds(1));

        await NotificationAsync(Author, i => i.CommentId == ack.CommentId, "the retried comment, with nobody touching the note");
        Assert.True(IsActive(noteId));
    }

    [Fact]
    public async Task Likes_and_collects_acknowledged_before_a_crash_notify_after_it()
    {
        await RegisterAsync(Author);
        var noteId = await CreateNoteAsync();
        RefuseInboxWrites();

        await LikeAsync(noteId, "ann");
        await CollectAsync(noteId, "bob");
        await InboxWriteRefusedAsync();
        await RestartAsync(crash: true);
        await WatchAsync(noteId);

        Assert.Equal("Ann liked your note", (await NotificationAsync(Author, i => i.Kind == InboxKinds.NoteLike, "ann's like")).Preview);
        Assert.Equal("Bob collected your note", (await NotificationAsync(Author, i => i.Kind == InboxKinds.Collect, "bob's collect")).Preview);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Comments_acknowledged_in_a_burst_keep_every_notification_across_a_restart(bool crash)
    {
        await RegisterAsync(Author);
        var noteId = await CreateNoteAsync();

        var acks = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => CommentAsync(noteId, $"fan{i % 8}", $"m{i}")));
        await RestartAsync(crash);
        await WatchAsync(noteId);

        foreach (var ack in acks)
        {
            await InboxItemAsync(Author, ack.CommentId);
        }

        var page = await InboxAfterDeliveryAsync(noteId, Author);
        Assert.Equal(acks.Select(a => a.CommentId).Order(), page.Items.Select(i => i.CommentId).Order());
        Assert.Equal(40, page.Unread);
    }

    /// <summary>
    /// The user's item for a comment on the current host: already in the inbox, or still to be
    /// delivered by the outbox (its event is recorded from the start, so nothing slips between).
    /// </summary>
    private async Task<InboxItem> InboxItemAsync(string userId, string commentId)
    {
        var page = await Inbox(userId).GetAsync(null, 200);
        return page.Items.FirstOrDefault(i => i.CommentId == commentId)
            ?? await NotificationAsync(userId, i => i.CommentId == commentId, $"the item for {commentId}");
    }
}
