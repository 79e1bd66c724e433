using Realtime.Contracts.Inbox;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>
/// Note likes, comment likes and collects: each user's first one notifies once, and many of them on
/// one target gather into one unread item ("Ann and 9 others liked your note"). The fold runs on
/// the inbox's real 2 s timer, so the tests await the folded item's event.
/// </summary>
public sealed class InboxReactionTests : NoteTestBase
{
    public static TheoryData<string> Kinds => new() { InboxKinds.NoteLike, InboxKinds.CommentLike, InboxKinds.Collect };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_first_reaction_of_a_user_tells_the_author_at_once(string kind)
    {
        var (noteId, target) = await SetUpAsync(kind);

        await ReactAsync(kind, noteId, target, "ann");

        var item = await NotificationAsync(target.Owner, i => i.Kind == kind, kind);
        Assert.Equal((noteId, target.CommentId, "ann", "Ann", Preview(kind, "Ann"), 1L), (item.NoteId, item.CommentId, item.ActorId, item.ActorName, item.Preview, item.Unread));
        Assert.Equal(item, Assert.Single((await Inbox(target.Owner).GetAsync(null, 50)).Items, i => i.Kind == kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Reacting_again_after_taking_it_back_does_not_notify_again(string kind)
    {
        var (noteId, target) = await SetUpAsync(kind);
        await ReactAsync(kind, noteId, target, "ann");
        await NotificationAsync(target.Owner, i => i.Kind == kind, kind);

        await ReactAsync(kind, noteId, target, "ann", on: false);
        await ReactAsync(kind, noteId, target, "ann");
        await ReactAsync(kind, noteId, target, "ann", on: false);
        await ReactAsync(kind, noteId, target, "ann");

        var page = await FoldedInboxAsync(noteId, target.Owner);
        var item = Assert.Single(page.Items, i => i.Kind == kind);
        Assert.Equal(Preview(kind, "Ann"), item.Preview);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Reacting_again_after_taking_it_back_does_not_notify_again_even_after_the_reactions_were_folded_and_the_inbox_restarted(string kind)
    {
        var (noteId, target) = await SetUpAsync(kind);
        await ReactAsync(kind, noteId, target, "ann");
        await ReactAsync(kind, noteId, target, "bob");
        await NotificationAsync(target.Owner, i => i.Kind == kind && i.Preview == Preview(kind, "Ann", 2), "ann and bob folded");

        await RestartAsync(crash: false);
        await ReactAsync(kind, noteId, target, "bob", on: false);
        await ReactAsync(kind, noteId, target, "bob");
        await ReactAsync(kind, noteId, target, "ann", on: false);
        await ReactAsync(kind, noteId, target, "ann");

        var page = await FoldedInboxAsync(noteId, target.Owner);
        var item = Assert.Single(page.Items, i => i.Kind == kind);
        Assert.Equal(Preview(kind, "Ann", 2), item.Preview);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Many_users_reacting_to_one_target_make_one_unread_item_saying_who_was_first_and_how_many_others(string kind)
    {
        var (noteId, target) = await SetUpAsync(kind);
        var users = Enumerable.Range(0, 12).Select(i => $"fan{i}").ToList();

        foreach (var user in users)
        {
            await ReactAsync(kind, noteId, target, user);
        }

        var expected = Preview(kind, "Fan0", users.Count);
        var folded = await NotificationAsync(target.Owner, i => i.Preview == expected, expected);
        Assert.Equal((kind, noteId, target.CommentId, "fan0", "Fan0", 1L), (folded.Kind, folded.NoteId, folded.CommentId, folded.ActorId, folded.ActorName, folded.Unread));
        var page = await Inbox(target.Owner).GetAsync(null, 50);
        Assert.Equal(folded, Assert.Single(page.Items, i => i.Kind == kind));
        Assert.Equal(1, page.Unread);
    }

    [Fact]
    public async Task Two_likes_read_Ann_and_1_other()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);

        await LikeAsync(noteId, "ann");
        await LikeAsync(noteId, "bob");

        await NotificationAsync(Author, i => i.Preview == "Ann and 1 other liked your note", "the folded item");
    }

    [Fact]
    public async Task Concurrent_likes_of_one_note_make_one_unread_item()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LikeAsync(noteId, $"fan{i}")));

        var folded = await NotificationAsync(Author, i => i.Preview.EndsWith(" and 39 others liked your note", StringComparison.Ordinal), "40 likes folded");
        var page = await Inbox(Author).GetAsync(null, 50);
        Assert.Equal(folded, Assert.Single(page.Items));
        Assert.Equal(1, page.Unread);
        Assert.Equal(1, folded.Unread);
    }

    [Fact]
    public async Task Likes_of_the_note_collects_of_it_and_likes_of_each_comment_are_separate_items()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);
        var first = await CommentAsync(noteId, Author, "m1");
        var second = await CommentAsync(noteId, Author, "m2");

        foreach (var user in new[] { "ann", "bob" })
        {
            await LikeAsync(noteId, user);
            await CollectAsync(noteId, user);
            await LikeCommentAsync(noteId, user, first.CommentId);
            await LikeCommentAsync(noteId, user, second.CommentId);
        }

        await NotificationAsync(Author, i => i.Preview == "Ann and 1 other liked your note", "note likes folded");
        await NotificationAsync(Author, i => i.Preview == "Ann and 1 other collected your note", "collects folded");
        await NotificationAsync(Author, i => i.CommentId == first.CommentId && i.Preview == "Ann and 1 other liked your comment", "first comment's likes folded");
        await NotificationAsync(Author, i => i.CommentId == second.CommentId && i.Preview == "Ann and 1 other liked your comment", "second comment's likes folded");
        var page = await Inbox(Author).GetAsync(null, 50);
        Assert.Equal(
            new[]
            {
                (InboxKinds.NoteLike, (string?)null, "Ann and 1 other liked your note"),
                (InboxKinds.Collect, null, "Ann and 1 other collected your note"),
                (InboxKinds.CommentLike, first.CommentId, "Ann and 1 other liked your comment"),
                (InboxKinds.CommentLike, second.CommentId, "Ann and 1 other liked your comment"),
            }.OrderBy(x => x.Item1).ThenBy(x => x.Item2),
            page.Items.Select(i => (i.Kind, i.CommentId, i.Preview)).OrderBy(x => x.Item1).ThenBy(x => x.Item2));
        Assert.Equal(4, page.Unread);
    }

    [Fact]
    public async Task Likes_after_the_inbox_was_read_start_a_new_item_that_gathers_again()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);
        foreach (var user in new[] { "ann", "bob", "cat" })
        {
            await LikeAsync(noteId, user);
        }

        var firstRound = await NotificationAsync(Author, i => i.Preview == "Ann and 2 others liked your note", "the first round");
        Assert.Equal(0, (await Inbox(Author).MarkReadAsync(firstRound.Seq)).Unread);

        foreach (var user in new[] { "dan", "eve", "fay" })
        {
            await LikeAsync(noteId, user);
        }

        var secondRound = await NotificationAsync(Author, i => i.Preview == "Dan and 2 others liked your note", "the second round");
        Assert.Equal(1, secondRound.Unread);
        var page = await Inbox(Author).GetAsync(null, 50);
        Assert.Equal(["Ann and 2 others liked your note", "Dan and 2 others liked your note"], page.Items.Select(i => i.Preview));
        Assert.Equal(1, page.Unread);
    }

    [Fact]
    public async Task A_like_while_the_item_is_being_read_is_not_lost()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);
        await LikeAsync(noteId, "ann");
        var first = await NotificationAsync(Author, i => i.ActorId == "ann", "ann's like");

        await LikeAsync(noteId, "bob");
        await DeliveredAsync(noteId);
        var unread = await Inbox(Author).MarkReadAsync(first.Seq);

        // Bob's like came after what the reader saw: it shows as unread, gathered with ann's.
        var page = await Inbox(Author).GetAsync(null, 50);
        var item = Assert.Single(page.Items);
        Assert.Equal("Ann and 1 other liked your note", item.Preview);
        Assert.Equal(1, unread.Unread);
        Assert.Equal(1, page.Unread);
    }

    /// <summary>
    /// The inbox once the note has handed over everything and every gathered reaction is folded in:
    /// marking the inbox read folds what is pending in the same turn (a fold lands after what was
    /// read, as a new item), so nothing gathered can still be on its way.
    /// </summary>
    private async Task<InboxPage> FoldedInboxAsync(string noteId, string userId)
    {
        await DeliveredAsync(noteId);
        await Inbox(userId).MarkReadAsync((await Inbox(userId).GetAsync(null, 1)).LastSeq);
        return await Inbox(userId).GetAsync(null, 200);
    }

    /// <summary>Whose inbox hears of the reactions, and the comment reacted to (null for the note).</summary>
    private sealed record Target(string Owner, string? CommentId);

    /// <summary>A note by <see cref="Author"/>; for comment likes, a comment on it by "writer", whose inbox then gets the likes.</summary>
    private async Task<(string NoteId, Target Target)> SetUpAsync(string kind)
    {
        await WatchInboxAsync(Author, "writer");
        var noteId = await CreateNoteAsync();
        if (kind != InboxKinds.CommentLike)
        {
            return (noteId, new Target(Author, null));
        }

        var ack = await CommentAsync(noteId, "writer", "m1");
        return (noteId, new Target("writer", ack.CommentId));
    }

    private Task ReactAsync(string kind, string noteId, Target target, string userId, bool on = true) => kind switch
    {
        InboxKinds.NoteLike => LikeAsync(noteId, userId, on),
        InboxKinds.Collect => CollectAsync(noteId, userId, on),
        _ => LikeCommentAsync(noteId, userId, target.CommentId!, on),
    };

    private static string Preview(string kind, string first, int count = 1)
    {
        var who = count == 1 ? first : $"{first} and {count - 1} {(count == 2 ? "other" : "others")}";
        return kind switch
        {
            InboxKinds.NoteLike => $"{who} liked your note",
            InboxKinds.CommentLike => $"{who} liked your comment",
            _ => $"{who} collected your note",
        };
    }
}
