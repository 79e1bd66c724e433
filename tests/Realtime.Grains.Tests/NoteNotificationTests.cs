using Realtime.Contracts.Inbox;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>
/// Who hears of a comment, and how: the note's author (comment), the parent comment's author
/// (reply), known users mentioned with @userId (mention); one item per person per comment, reply
/// over mention over comment; never the actor.
/// </summary>
public sealed class NoteNotificationTests : NoteTestBase
{
    [Fact]
    public async Task A_comment_tells_the_note_author_with_kind_comment()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", "love the light here");

        var item = await NotificationAsync(Author, i => i.CommentId == ack.CommentId, "ann's comment");
        Assert.Equal(
            new InboxItem(1, InboxKinds.Comment, noteId, ack.CommentId, "ann", "Ann", "Ann commented on your note: love the light here", Clock.UtcNow, 1),
            item);
        Assert.Equal([item], (await Inbox(Author).GetAsync(null, 50)).Items);
        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "ann")).Items);
    }

    [Fact]
    public async Task A_reply_tells_the_parent_author_reply_and_the_note_author_comment()
    {
        await RegisterAsync(Author, "ann", "bob");
        var noteId = await CreateNoteAsync();
        var question = await CommentAsync(noteId, "ann", "m1", "which lens?");

        var answer = await CommentAsync(noteId, "bob", "m1", "35mm", replyTo: question.CommentId);

        var reply = await NotificationAsync("ann", i => i.CommentId == answer.CommentId, "bob's reply");
        Assert.Equal((InboxKinds.Reply, "bob", "Bob replied to your comment: 35mm"), (reply.Kind, reply.ActorId, reply.Preview));
        var comment = await NotificationAsync(Author, i => i.CommentId == answer.CommentId, "bob's reply");
        Assert.Equal(InboxKinds.Comment, comment.Kind);
        Assert.Equal(
            [(InboxKinds.Comment, question.CommentId), (InboxKinds.Comment, answer.CommentId)],
            (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => (i.Kind, i.CommentId)));
        Assert.Equal([(InboxKinds.Reply, answer.CommentId)], (await InboxAfterDeliveryAsync(noteId, "ann")).Items.Select(i => (i.Kind, i.CommentId)));
        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "bob")).Items);
    }

    [Fact]
    public async Task A_mention_of_a_known_user_tells_them_mention()
    {
        await RegisterAsync(Author, "ann", "cat");
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", "@cat look at this!");

        var mention = await NotificationAsync("cat", i => i.CommentId == ack.CommentId, "ann's mention");
        Assert.Equal((InboxKinds.Mention, noteId, "ann", "Ann mentioned you: @cat look at this!"), (mention.Kind, mention.NoteId, mention.ActorId, mention.Preview));
        Assert.Equal([InboxKinds.Comment], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task Several_known_users_mentioned_in_one_comment_each_get_one_mention()
    {
        await RegisterAsync(Author, "ann", "cat", "dan");
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", "@cat and @dan (and @cat again), see?");

        foreach (var user in new[] { "cat", "dan" })
        {
            var items = (await InboxAfterDeliveryAsync(noteId, user)).Items;
            Assert.Equal([(InboxKinds.Mention, ack.CommentId)], items.Select(i => (i.Kind, i.CommentId)));
        }
    }

    [Theory]
    [InlineData("@ghost look")]
    [InlineData("mail me at ann@cat.example")]
    [InlineData("@")]
    public async Task A_mention_of_an_unknown_user_or_something_that_is_not_a_mention_is_ignored(string text)
    {
        await RegisterAsync(Author, "ann", "cat");
        await WatchInboxAsync("ghost");
        var noteId = await CreateNoteAsync();

        await CommentAsync(noteId, "ann", "m1", text);

        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "ghost")).Items);
        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "cat")).Items);
        Assert.Equal([InboxKinds.Comment], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => i.Kind));
        Assert.Equal(0, (await Inbox("ghost").GetAsync(null, 10)).Unread);
    }

    [Fact]
    public async Task A_user_registered_after_a_mention_hears_only_of_later_mentions()
    {
        await RegisterAsync(Author, "ann");
        await WatchInboxAsync("newbie");
        var noteId = await CreateNoteAsync();
        await CommentAsync(noteId, "ann", "m1", "@newbie hello?");

        await RegisterAsync("newbie");
        var later = await CommentAsync(noteId, "ann", "m2", "@newbie welcome!");

        Assert.Equal([later.CommentId], (await InboxAfterDeliveryAsync(noteId, "newbie")).Items.Select(i => i.CommentId));
    }

    [Fact]
    public async Task A_mentioned_note_author_gets_one_item_of_kind_mention()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", $"@{Author} where was this taken?");

        Assert.Equal([(InboxKinds.Mention, ack.CommentId)], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => (i.Kind, i.CommentId)));
    }

    [Fact]
    public async Task A_reply_that_also_mentions_the_parent_author_who_also_wrote_the_note_gives_them_one_item_of_kind_reply()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        var own = await CommentAsync(noteId, Author, "m1", "ask me anything");

        var ack = await CommentAsync(noteId, "ann", "m1", $"@{Author} which city?", replyTo: own.CommentId);

        Assert.Equal([(InboxKinds.Reply, ack.CommentId)], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => (i.Kind, i.CommentId)));
    }

    [Fact]
    public async Task A_reply_that_mentions_its_parent_author_gives_them_reply_and_the_note_author_comment()
    {
        await RegisterAsync(Author, "ann", "bob");
        var noteId = await CreateNoteAsync();
        var parent = await CommentAsync(noteId, "ann", "m1");

        var ack = await CommentAsync(noteId, "bob", "m1", "@ann agreed", replyTo: parent.CommentId);

        Assert.Equal([(InboxKinds.Reply, ack.CommentId)], (await InboxAfterDeliveryAsync(noteId, "ann")).Items.Select(i => (i.Kind, i.CommentId)));
        Assert.Equal(InboxKinds.Comment, (await InboxAfterDeliveryAsync(noteId, Author)).Items.Single(i => i.CommentId == ack.CommentId).Kind);
    }

    [Fact]
    public async Task Nobody_hears_of_a_comment_on_their_own_note()
    {
        await RegisterAsync(Author);
        var noteId = await CreateNoteAsync();

        await CommentAsync(noteId, Author, "m1", $"more photos soon @{Author}");

        Assert.Empty((await InboxAfterDeliveryAsync(noteId, Author)).Items);
    }

    [Fact]
    public async Task Nobody_hears_of_their_reply_to_their_own_comment_or_of_mentioning_themselves()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        var first = await CommentAsync(noteId, "ann", "m1");

        var second = await CommentAsync(noteId, "ann", "m2", "@ann note to self", replyTo: first.CommentId);

        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "ann")).Items);
        Assert.Equal([first.CommentId, second.CommentId], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => i.CommentId));
        Assert.All((await InboxAfterDeliveryAsync(noteId, Author)).Items, i => Assert.Equal(InboxKinds.Comment, i.Kind));
    }

    [Fact]
    public async Task Nobody_hears_of_their_own_likes_and_collects()
    {
        await RegisterAsync(Author, "ann");
        var noteId = await CreateNoteAsync();
        var own = await CommentAsync(noteId, Author, "m1");
        var annComment = await CommentAsync(noteId, "ann", "m1");

        await LikeAsync(noteId, Author);
        await CollectAsync(noteId, Author);
        await LikeCommentAsync(noteId, Author, own.CommentId);
        await LikeCommentAsync(noteId, "ann", annComment.CommentId);

        Assert.Equal([InboxKinds.Comment], (await InboxAfterDeliveryAsync(noteId, Author)).Items.Select(i => i.Kind));
        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "ann")).Items);
    }

    [Fact]
    public async Task Each_item_tells_the_unread_count_after_it()
    {
        await RegisterAsync(Author, "ann", "bob");
        var noteId = await CreateNoteAsync();

        await CommentAsync(noteId, "ann", "m1");
        await CommentAsync(noteId, "bob", "m1");
        await CommentAsync(noteId, "ann", "m2");

        var page = await InboxAfterDeliveryAsync(noteId, Author);
        Assert.Equal([1L, 2L, 3L], page.Items.Select(i => i.Unread));
        Assert.Equal([1L, 2L, 3L], page.Items.Select(i => i.Seq));
        Assert.Equal((3, 3), (page.Unread, page.LastSeq));
    }
}
