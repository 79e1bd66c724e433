using Realtime.Testing;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.EndToEnd.Tests.Support;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// Per-user inboxes over the hub of a real silo: who is notified of what, on which connections,
/// reading pages, marking read, and like storms folding into one item.
/// </summary>
public sealed class InboxTests(NoteSiloFixture fixture) : IClassFixture<NoteSiloFixture>, IAsyncLifetime
{
    private readonly NoteWorld _world = new(fixture.Silo);
    private readonly Dictionary<InboxProbe, string> _authorOf = [];
    private readonly Dictionary<InboxProbe, string> _noteOf = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task EveryConnectionOfTheAuthorIsNotifiedOfACommentOnTheirNote()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var phone = InboxProbe.Attach(await _world.ConnectAsync(author));
        var laptop = InboxProbe.Attach(await _world.ConnectAsync(author));
        var fan = NoteWorld.NewUser("fan");
        var ack = await (await _world.ConnectAsync(fan)).PostCommentAsync(note.NoteId, "c", "Saving this for my trip!");

        var onPhone = await phone.Notifications.WaitAsync(i => i.CommentId == ack.CommentId);
        var onLaptop = await laptop.Notifications.WaitAsync(i => i.CommentId == ack.CommentId);

        Assert.Equal(onPhone, onLaptop);
        Assert.Equal(1, onPhone.Seq);
        Assert.Equal(InboxKinds.Comment, onPhone.Kind);
        Assert.Equal(note.NoteId, onPhone.NoteId);
        Assert.Equal(fan, onPhone.ActorId);
        Assert.Equal(NoteWorld.NameOf(fan), onPhone.ActorName);
        Assert.Contains("Saving this for my trip!", onPhone.Preview, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, onPhone.CreatedAt.Offset);
        Assert.Equal(1, onPhone.Unread);
        var page = await phone.ReadAsync();
        Assert.Equal([onPhone], page.Items);
        Assert.Equal((1L, 1L), (page.Unread, page.LastSeq));
    }

    [Fact]
    public async Task AnOfflineAuthorFindsEveryItemWithGetInboxLater()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var acks = new List<(string UserId, string CommentId)>();
        for (var i = 0; i < 3; i++)
        {
            var fan = NoteWorld.NewUser($"fan{i}");
            acks.Add((fan, (await (await _world.ConnectAsync(fan)).PostCommentAsync(note.NoteId, "c", $"comment {i}")).CommentId));
        }

        var inbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var page = await inbox.UntilHoldsAsync(acks.Select(a => (InboxKinds.Comment, (string?)a.CommentId)));

        Assert.Equal([1L, 2L, 3L], page.Items.Select(i => i.Seq));
        Assert.Equal(acks.Order(), page.Items.Select(i => (i.ActorId, i.CommentId!)).Order());
        Assert.Equal([1L, 2L, 3L], page.Items.Select(i => i.Unread));
        Assert.Equal((3L, 3L), (page.Unread, page.LastSeq));
    }

    [Fact]
    public async Task NobodyIsNotifiedOfTheirOwnActions()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var authorClient = await _world.ConnectAsync(author);
        var authorInbox = InboxProbe.Attach(authorClient);
        var fan = NoteWorld.NewUser("fan");
        var fanClient = await _world.ConnectAsync(fan);
        var fanInbox = InboxProbe.Attach(fanClient);

        // The author comments on, mentions themselves in, replies to and reacts to their own note.
        var own = await authorClient.PostCommentAsync(note.NoteId, "a1", $"Adding the address, @{author}");
        await authorClient.PostCommentAsync(note.NoteId, "a2", "And the opening hours", own.CommentId);
        await authorClient.LikeNoteAsync(note.NoteId, true);
        await authorClient.CollectNoteAsync(note.NoteId, true);
        await authorClient.LikeCommentAsync(note.NoteId, own.CommentId, true);
        // So does the fan with their own comment.
        var fanOwn = await fanClient.PostCommentAsync(note.NoteId, "f1", $"Going tomorrow @{fan}");
        var fanReply = await fanClient.PostCommentAsync(note.NoteId, "f2", "Update: it was great", fanOwn.CommentId);
        await fanClient.LikeCommentAsync(note.NoteId, fanOwn.CommentId, true);
        // Barriers: what others cause afterwards reaches each of them as their only items.
        var toFan = await authorClient.PostCommentAsync(note.NoteId, "a3", "Glad you liked it", fanOwn.CommentId);
        var other = NoteWorld.NewUser("other");
        var toAuthor = await (await _world.ConnectAsync(other)).PostCommentAsync(note.NoteId, "o", "barrier");

        var authorPage = await authorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == toAuthor.CommentId));
        var fanPage = await fanInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == toFan.CommentId));
        // The fan's own comments reach the author as comments on the note; nothing else of theirs does.
        Assert.Equal(
            new[] { (InboxKinds.Comment, fanOwn.CommentId, fan), (InboxKinds.Comment, fanReply.CommentId, fan), (InboxKinds.Comment, toAuthor.CommentId, other) }.Order(),
            authorPage.Items.Select(i => (i.Kind, i.CommentId!, i.ActorId)).Order());
        Assert.Equal([(InboxKinds.Reply, toFan.CommentId, author)], fanPage.Items.Select(i => (i.Kind, i.CommentId!, i.ActorId)));
        Assert.Equal((3L, 1L), (authorPage.Unread, fanPage.Unread));
        Assert.DoesNotContain(authorInbox.Notifications.Items, i => i.ActorId == author);
        Assert.DoesNotContain(fanInbox.Notifications.Items, i => i.ActorId == fan);
    }

    [Fact]
    public async Task AMentionNotifiesAKnownUserAndAMentionOfAnUnknownUserIsIgnored()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var known = NoteWorld.NewUser("known");
        var knownInbox = InboxProbe.Attach(await _world.ConnectAsync(known));
        var ghost = NoteWorld.NewUser("ghost");
        var fan = NoteWorld.NewUser("fan");
        var fanClient = await _world.ConnectAsync(fan);

        var first = await fanClient.PostCommentAsync(note.NoteId, "m1", $"@{known}, you have to try this. And @{ghost} too!");
        var item = await knownInbox.Notifications.WaitAsync(i => i.CommentId == first.CommentId);

        Assert.Equal(InboxKinds.Mention, item.Kind);
        Assert.Equal((note.NoteId, fan, NoteWorld.NameOf(fan)), (item.NoteId, item.ActorId, item.ActorName));
        Assert.Contains("you have to try this", item.Preview, StringComparison.Ordinal);
        // The ghost becomes known only now; the earlier mention of them was not kept for later.
        var ghostInbox = InboxProbe.Attach(await _world.ConnectAsync(ghost));
        var second = await fanClient.PostCommentAsync(note.NoteId, "m2", $"Welcome @{ghost}");
        var ghostPage = await ghostInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == second.CommentId));
        Assert.Equal([(1L, InboxKinds.Mention, second.CommentId)], ghostPage.Items.Select(i => (i.Seq, i.Kind, i.CommentId!)));
        Assert.Equal(1, ghostPage.Unread);
    }

    [Fact]
    public async Task OneActionGivesEachPersonOneItemPreferringReplyThenMentionThenComment()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var authorInbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var asker = NoteWorld.NewUser("asker");
        var askerClient = await _world.ConnectAsync(asker);
        var askerInbox = InboxProbe.Attach(askerClient);
        var bystander = NoteWorld.NewUser("bystander");
        var bystanderInbox = InboxProbe.Attach(await _world.ConnectAsync(bystander));
        var answerer = await _world.ConnectAsync(NoteWorld.NewUser("answerer"));
        var question = await askerClient.PostCommentAsync(note.NoteId, "q", "Is it spicy?");

        // Replies to the asker, mentions the asker (again), the author and a bystander.
        var answer = await answerer.PostCommentAsync(note.NoteId, "a", $"Very! @{asker} @{author} @{bystander} @{asker}", question.CommentId);
        // Barriers: an item each for the same three, caused afterwards.
        var barrier = await answerer.PostCommentAsync(note.NoteId, "b", $"@{asker} @{bystander}");

        var authorItems = (await authorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId))).Items;
        var askerItems = (await askerInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId))).Items;
        var bystanderItems = (await bystanderInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId))).Items;
        Assert.Equal(
            new[] { (InboxKinds.Comment, question.CommentId), (InboxKinds.Mention, answer.CommentId), (InboxKinds.Comment, barrier.CommentId) }.Order(),
            authorItems.Select(i => (i.Kind, i.CommentId!)).Order());
        Assert.Equal(
            new[] { (InboxKinds.Reply, answer.CommentId), (InboxKinds.Mention, barrier.CommentId) }.Order(),
            askerItems.Select(i => (i.Kind, i.CommentId!)).Order());
        Assert.Equal(
            new[] { (InboxKinds.Mention, answer.CommentId), (InboxKinds.Mention, barrier.CommentId) }.Order(),
            bystanderItems.Select(i => (i.Kind, i.CommentId!)).Order());
        Assert.Contains("Very!", askerItems.Single(i => i.CommentId == answer.CommentId).Preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LikesAndCollectsNotifyWhoseNoteOrCommentItIsOncePerPerson()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var authorInbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var writer = NoteWorld.NewUser("writer");
        var writerClient = await _world.ConnectAsync(writer);
        var writerInbox = InboxProbe.Attach(writerClient);
        var fan = NoteWorld.NewUser("fan");
        var fanClient = await _world.ConnectAsync(fan);
        var comment = await writerClient.PostCommentAsync(note.NoteId, "w", "The noodles are the best part");
        await authorInbox.Notifications.WaitAsync(i => i.CommentId == comment.CommentId);

        await fanClient.LikeNoteAsync(note.NoteId, true);
        var noteLike = await authorInbox.Notifications.WaitAsync(i => i.Kind == InboxKinds.NoteLike);
        await fanClient.CollectNoteAsync(note.NoteId, true);
        var collect = await authorInbox.Notifications.WaitAsync(i => i.Kind == InboxKinds.Collect);
        await fanClient.LikeCommentAsync(note.NoteId, comment.CommentId, true);
        var commentLike = await writerInbox.Notifications.WaitAsync(i => i.Kind == InboxKinds.CommentLike);

        Assert.Equal((note.NoteId, (string?)null, fan, NoteWorld.NameOf(fan)), (noteLike.NoteId, noteLike.CommentId, noteLike.ActorId, noteLike.ActorName));
        Assert.Equal((note.NoteId, (string?)null, fan), (collect.NoteId, collect.CommentId, collect.ActorId));
        Assert.Equal((note.NoteId, (string?)comment.CommentId, fan), (commentLike.NoteId, commentLike.CommentId, commentLike.ActorId));
        Assert.All(new[] { noteLike, collect, commentLike }, i => Assert.False(string.IsNullOrWhiteSpace(i.Preview)));
        Assert.Equal([2L, 3L], new[] { noteLike.Unread, collect.Unread });

        // Taking a reaction back and giving it again notifies nobody a second time.
        await fanClient.LikeNoteAsync(note.NoteId, false);
        await fanClient.LikeNoteAsync(note.NoteId, true);
        await fanClient.CollectNoteAsync(note.NoteId, false);
        await fanClient.CollectNoteAsync(note.NoteId, true);
        await fanClient.LikeCommentAsync(note.NoteId, comment.CommentId, false);
        await fanClient.LikeCommentAsync(note.NoteId, comment.CommentId, true);
        var toAuthor = await fanClient.PostCommentAsync(note.NoteId, "f", "barrier");
        var toWriter = await fanClient.PostCommentAsync(note.NoteId, "r", "barrier", comment.CommentId);
        var authorPage = await authorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == toWriter.CommentId));
        var writerPage = await writerInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == toWriter.CommentId));
        Assert.Equal([InboxKinds.Comment, InboxKinds.NoteLike, InboxKinds.Collect], authorPage.Items.Take(3).Select(i => i.Kind));
        Assert.Equal(
            new[] { (InboxKinds.Comment, toAuthor.CommentId), (InboxKinds.Comment, toWriter.CommentId) }.Order(),
            authorPage.Items.Skip(3).Select(i => (i.Kind, i.CommentId!)).Order());
        Assert.Equal([InboxKinds.CommentLike, InboxKinds.Reply], writerPage.Items.Select(i => i.Kind));
    }

    /// <summary>
    /// The first like shows at once; the rest are folded into the same item a moment later, which
    /// is awaited as the notification carrying the fold. The inbox then has one item for them all.
    /// </summary>
    [Fact]
    public async Task ALikeStormFoldsIntoOneItemThatCountsOnceAsUnread()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var inbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var likers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _world.ConnectAsync(NoteWorld.NewUser($"liker{i}"))));

        await Task.WhenAll(likers.Select(l => l.LikeNoteAsync(note.NoteId, true)));

        var folded = await inbox.Notifications.WaitAsync(i => i.Preview.Contains("5 others", StringComparison.Ordinal));
        var page = await inbox.ReadAsync();
        var item = Assert.Single(page.Items);
        Assert.Equal(folded, item);
        Assert.Equal(InboxKinds.NoteLike, item.Kind);
        Assert.Equal(note.NoteId, item.NoteId);
        Assert.Null(item.CommentId);
        Assert.StartsWith(item.ActorName + " and 5 others", item.Preview, StringComparison.Ordinal);
        Assert.Equal(NoteWorld.NameOf(item.ActorId), item.ActorName);
        Assert.Equal(1, item.Unread);
        Assert.Equal((1L, item.Seq), (page.Unread, page.LastSeq));
        Assert.All(inbox.Notifications.Items, i => Assert.Equal(1, i.Unread));

        // Once read, the next like is news again: a new unread item of its own.
        Assert.Equal(new InboxUnread(0), await inbox.Client.MarkInboxReadAsync(item.Seq));
        var late = NoteWorld.NewUser("late");
        await (await _world.ConnectAsync(late)).LikeNoteAsync(note.NoteId, true);
        var news = await inbox.Notifications.WaitAsync(i => i.ActorId == late);
        Assert.Equal((item.Seq + 1, InboxKinds.NoteLike, 1L), (news.Seq, news.Kind, news.Unread));
        Assert.DoesNotContain("other", news.Preview, StringComparison.Ordinal);
        var after = await inbox.ReadAsync();
        Assert.Equal([item.Seq, news.Seq], after.Items.Select(i => i.Seq));
        Assert.Equal(1, after.Unread);
    }

    [Fact]
    public async Task LikesOfOneCommentFoldIntoOneItemForItsAuthorSeparateFromOtherTargets()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var writer = NoteWorld.NewUser("writer");
        var writerClient = await _world.ConnectAsync(writer);
        var inbox = InboxProbe.Attach(writerClient);
        var first = await writerClient.PostCommentAsync(note.NoteId, "one", "first take");
        var second = await writerClient.PostCommentAsync(note.NoteId, "two", "second take");
        var likers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _world.ConnectAsync(NoteWorld.NewUser($"liker{i}"))));

        await Task.WhenAll(likers.Select(l => l.LikeCommentAsync(note.NoteId, first.CommentId, true)));
        await likers[0].LikeCommentAsync(note.NoteId, second.CommentId, true);

        await inbox.Notifications.WaitAsync(i => i.CommentId == first.CommentId && i.Preview.Contains("2 others", StringComparison.Ordinal));
        var page = await inbox.UntilAsync(p => p.Items.Any(i => i.CommentId == second.CommentId));
        Assert.Equal(
            new[] { (InboxKinds.CommentLike, first.CommentId), (InboxKinds.CommentLike, second.CommentId) }.Order(),
            page.Items.Select(i => (i.Kind, i.CommentId!)).Order());
        Assert.Contains("2 others", page.Items.Single(i => i.CommentId == first.CommentId).Preview, StringComparison.Ordinal);
        Assert.DoesNotContain("other", page.Items.Single(i => i.CommentId == second.CommentId).Preview, StringComparison.Ordinal);
        Assert.Equal(2, page.Unread);
    }

    [Fact]
    public async Task GetInboxReturnsItemsInAscendingSeqAfterSinceSeqUpToTheLimit()
    {
        var (inbox, acks) = await InboxWithCommentsAsync(5);
        var client = inbox.Client;

        var all = await client.GetInboxAsync(null, 200);
        var latestTwo = await client.GetInboxAsync(null, 2);
        var afterTwo = await client.GetInboxAsync(2, 200);
        var nextTwoAfterOne = await client.GetInboxAsync(1, 2);
        var one = await client.GetInboxAsync(null, 1);
        var afterLast = await client.GetInboxAsync(5, 10);
        var beyond = await client.GetInboxAsync(99, 10);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], all.Items.Select(i => i.Seq));
        Assert.Equal(acks.Order(), all.Items.Select(i => i.CommentId!).Order());
        Assert.Equal([4L, 5L], latestTwo.Items.Select(i => i.Seq));
        Assert.Equal([3L, 4L, 5L], afterTwo.Items.Select(i => i.Seq));
        Assert.Equal([2L, 3L], nextTwoAfterOne.Items.Select(i => i.Seq));
        Assert.Equal([5L], one.Items.Select(i => i.Seq));
        Assert.Empty(afterLast.Items);
        Assert.Empty(beyond.Items);
        Assert.All(new[] { all, latestTwo, afterTwo, nextTwoAfterOne, one, afterLast, beyond }, p => Assert.Equal((5L, 5L), (p.Unread, p.LastSeq)));
        Assert.Equal(all.Items.Skip(2), afterTwo.Items);
    }

    [Fact]
    public async Task AnEmptyInboxHasNoItemsAndNothingUnread()
    {
        var client = await _world.ConnectAsync(NoteWorld.NewUser("newcomer"));

        var page = await client.GetInboxAsync(null, 200);
        var since = await client.GetInboxAsync(0, 1);

        Assert.Equal((0L, 0L), (page.Unread, page.LastSeq));
        Assert.Empty(page.Items);
        Assert.Empty(since.Items);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(null, 201)]
    [InlineData(null, -1)]
    [InlineData(null, int.MaxValue)]
    [InlineData(null, int.MinValue)]
    [InlineData(0L, 0)]
    [InlineData(2L, 201)]
    [InlineData(-1L, 50)]
    [InlineData(long.MinValue, 50)]
    public async Task GetInboxWithALimitOutsideOneToTwoHundredOrANegativeSinceSeqIsInvalidAndChangesNothing(long? sinceSeq, int limit)
    {
        var (inbox, _) = await InboxWithCommentsAsync(3);
        var before = await inbox.ReadAsync();

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => inbox.Client.GetInboxAsync(sinceSeq, limit));

        Assert.Equal(Describe(before), Describe(await inbox.ReadAsync()));
        Assert.Equal(3, (await inbox.Client.GetInboxAsync(null, 200)).Items.Count);
        Assert.Single((await inbox.Client.GetInboxAsync(null, 1)).Items);
    }

    [Fact]
    public async Task AnAnonymousConnectionHasNoInboxAndIsNeverNotified()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var anonymous = InboxProbe.Attach(await _world.ConnectAsync(null));
        var comments = new EventLog<Contracts.Notes.Comment>();
        anonymous.Client.OnComment(comments.Add);
        await anonymous.Client.WatchNoteAsync(note.NoteId);
        var authorInbox = InboxProbe.Attach(await _world.ConnectAsync(author));

        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.Client.GetInboxAsync(null, 50));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.Client.GetInboxAsync(0, 0));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.Client.MarkInboxReadAsync(1));

        var comment = await CommentOnAsync(note.NoteId, "hello");
        await authorInbox.Notifications.WaitAsync(i => i.CommentId == comment);
        await authorInbox.Client.MarkInboxReadAsync(1);
        await authorInbox.UnreadEvents.WaitAsync(u => u.Unread == 0);
        // Events leave a silo through one ordered loop: this comment reaches the watcher after all of the above.
        var barrier = await CommentOnAsync(note.NoteId, "barrier");
        await comments.WaitAsync(c => c.CommentId == barrier);
        Assert.Empty(anonymous.Notifications.Items);
        Assert.Empty(anonymous.UnreadEvents.Items);
    }

    [Fact]
    public async Task MarkInboxReadReturnsTheUnreadCountAndTellsTheUsersOtherConnections()
    {
        var (phone, acks) = await InboxWithCommentsAsync(3);
        var author = phone.Client;
        var laptop = InboxProbe.Attach(await _world.ConnectAsync(_authorOf[phone]));

        var afterTwo = await author.MarkInboxReadAsync(2);

        Assert.Equal(new InboxUnread(1), afterTwo);
        Assert.Equal(new InboxUnread(1), await laptop.UnreadEvents.WaitAsync(u => u.Unread == 1));
        Assert.Equal(1, (await laptop.ReadAsync()).Unread);
        Assert.Equal(new InboxUnread(1), await author.MarkInboxReadAsync(2));
        Assert.Equal(new InboxUnread(1), await author.MarkInboxReadAsync(1));
        Assert.Equal(new InboxUnread(1), await author.MarkInboxReadAsync(0));

        Assert.Equal(new InboxUnread(0), await laptop.Client.MarkInboxReadAsync(3));
        Assert.Equal(new InboxUnread(0), await phone.UnreadEvents.WaitAsync(u => u.Unread == 0));
        var page = await author.GetInboxAsync(null, 200);
        Assert.Equal((0L, 3L, 3), (page.Unread, page.LastSeq, page.Items.Count));
        Assert.Equal(acks.Order(), page.Items.Select(i => i.CommentId!).Order());

        // Read marks only what exists: a new item is unread.
        Assert.Equal(new InboxUnread(0), await author.MarkInboxReadAsync(1000));
        var next = await CommentOnAsync(_noteOf[phone], "later");
        var item = await laptop.Notifications.WaitAsync(i => i.CommentId == next);
        Assert.Equal((4L, 1L), (item.Seq, item.Unread));
        Assert.Equal(1, (await author.GetInboxAsync(null, 200)).Unread);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task MarkInboxReadWithANegativeSeqIsInvalidAndChangesNothing(long upToSeq)
    {
        var (inbox, _) = await InboxWithCommentsAsync(2);
        var before = await inbox.ReadAsync();

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => inbox.Client.MarkInboxReadAsync(upToSeq));

        Assert.Equal(Describe(before), Describe(await inbox.ReadAsync()));
        Assert.Equal(new InboxUnread(1), await inbox.Client.MarkInboxReadAsync(1));
        // The accepted call's event is the first this connection hears: the refused one announced nothing.
        await inbox.UnreadEvents.WaitAsync(u => u.Unread == 1);
        Assert.Equal([new InboxUnread(1)], inbox.UnreadEvents.Items);
    }

    /// <summary>
    /// There is no way to name another user's inbox: a second user reads and hears only their own,
    /// although the first user's items were all delivered (and announced) before the second's one.
    /// </summary>
    [Fact]
    public async Task AUserReadsAndHearsOnlyTheirOwnInbox()
    {
        var (first, _) = await InboxWithCommentsAsync(3);
        var secondUser = NoteWorld.NewUser("second");
        var second = InboxProbe.Attach(await _world.ConnectAsync(secondUser));
        var secondNote = await _world.CreateNoteAsync(secondUser);

        var own = await CommentOnAsync(secondNote.NoteId, "only this one");
        await second.Notifications.WaitAsync(i => i.CommentId == own);

        var page = await second.ReadAsync();
        Assert.Equal([(1L, secondNote.NoteId, own)], page.Items.Select(i => (i.Seq, i.NoteId, i.CommentId!)));
        Assert.Equal((1L, 1L), (page.Unread, page.LastSeq));
        Assert.Equal([own], second.Notifications.Items.Select(i => i.CommentId!));
        Assert.DoesNotContain(page.Items, i => i.NoteId == _noteOf[first]);
        // Marking read is one's own too.
        Assert.Equal(new InboxUnread(0), await second.Client.MarkInboxReadAsync(10));
        Assert.Equal(3, (await first.ReadAsync()).Unread);
        // The first user's own mark is the first inboxUnread their connection hears.
        Assert.Equal(new InboxUnread(2), await first.Client.MarkInboxReadAsync(1));
        await first.UnreadEvents.WaitAsync(u => u.Unread == 2);
        Assert.Equal([new InboxUnread(2)], first.UnreadEvents.Items);
    }

    /// <summary>An author watching their inbox, whose note got <paramref name="count"/> comments from different fans.</summary>
    private async Task<(InboxProbe Inbox, List<string> CommentIds)> InboxWithCommentsAsync(int count)
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var inbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await CommentOnAsync(note.NoteId, $"comment {i}"));
        }

        await inbox.UntilAsync(p => p.Items.Count == count);
        _authorOf[inbox] = author;
        _noteOf[inbox] = note.NoteId;
        return (inbox, ids);
    }

    /// <summary>A comment by a new fan; returns its id.</summary>
    private async Task<string> CommentOnAsync(string noteId, string text)
    {
        var fan = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        return (await fan.PostCommentAsync(noteId, "c", text)).CommentId;
    }

    private static string Describe(InboxPage page) => InboxProbe.Describe(page);
}
