using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Notes;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A note's likes, collects and comment count, and comment likes: idempotent per user, announced to watchers.</summary>
public sealed class NoteCounterTests : NoteTestBase
{
    [Fact]
    public async Task Liking_a_note_twice_counts_once_and_unliking_takes_it_back()
    {
        var noteId = await CreateNoteAsync();

        Assert.Equal(1, (await LikeAsync(noteId, "ann")).Likes);
        Assert.Equal(1, (await LikeAsync(noteId, "ann")).Likes);
        var liked = await WatchAsync(noteId, userId: "ann");
        Assert.Equal(1, liked.Likes);
        Assert.True(liked.LikedByMe);
        Assert.False((await WatchAsync(noteId, userId: "bob")).LikedByMe);

        Assert.Equal(0, (await LikeAsync(noteId, "ann", liked: false)).Likes);
        Assert.Equal(0, (await LikeAsync(noteId, "ann", liked: false)).Likes);
        var unliked = await WatchAsync(noteId, userId: "ann");
        Assert.Equal(0, unliked.Likes);
        Assert.False(unliked.LikedByMe);
    }

    [Fact]
    public async Task Collecting_a_note_twice_counts_once_and_uncollecting_takes_it_back()
    {
        var noteId = await CreateNoteAsync();

        Assert.Equal(1, (await CollectAsync(noteId, "ann")).Collects);
        Assert.Equal(1, (await CollectAsync(noteId, "ann")).Collects);
        Assert.True((await WatchAsync(noteId, userId: "ann")).CollectedByMe);

        Assert.Equal(0, (await CollectAsync(noteId, "ann", collected: false)).Collects);
        Assert.Equal(0, (await CollectAsync(noteId, "ann", collected: false)).Collects);
        var snapshot = await WatchAsync(noteId, userId: "ann");
        Assert.Equal(0, snapshot.Collects);
        Assert.False(snapshot.CollectedByMe);
    }

    [Fact]
    public async Task Likes_collects_and_comments_are_returned_and_announced_as_noteCounters()
    {
        var noteId = await CreateNoteAsync();

        await LikeAsync(noteId, "ann");
        await LikeAsync(noteId, "bob");
        await LikeAsync(noteId, "ann");
        var afterCollect = await CollectAsync(noteId, "cat");
        await CommentAsync(noteId, "dan", "m1");
        var afterAll = await LikeAsync(noteId, "eve", liked: false);

        Assert.Equal(new NoteCounters(noteId, 2, 1, 0), afterCollect);
        Assert.Equal(new NoteCounters(noteId, 2, 1, 1), afterAll);
        var announced = await NoteCountersAsync(noteId, c => c is { Likes: 2, Collects: 1, Comments: 1 }, "2 likes, 1 collect, 1 comment");
        Assert.Equal(afterAll, announced);
        var snapshot = await WatchAsync(noteId);
        Assert.Equal((2, 1, 1), (snapshot.Likes, snapshot.Collects, snapshot.CommentCount));
    }

    [Fact]
    public async Task An_unlike_is_announced_as_noteCounters_too()
    {
        var noteId = await CreateNoteAsync();
        await LikeAsync(noteId, "ann");
        await NoteCountersAsync(noteId, c => c.Likes == 1, "1 like");
        var after = NoteEvents(noteId).Count;

        await LikeAsync(noteId, "ann", liked: false);

        await NoteCountersAsync(noteId, c => c.Likes == 0, "0 likes", after);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Counters_and_who_reacted_survive_a_restart(bool crash)
    {
        var noteId = await CreateNoteAsync();
        await LikeAsync(noteId, "ann");
        await LikeAsync(noteId, "bob");
        await CollectAsync(noteId, "ann");
        var ack = await CommentAsync(noteId, "cat", "m1");
        await LikeCommentAsync(noteId, "ann", ack.CommentId);

        await RestartAsync(crash);

        var snapshot = await WatchAsync(noteId, userId: "ann");
        Assert.Equal((2, 1, 1), (snapshot.Likes, snapshot.Collects, snapshot.CommentCount));
        Assert.True(snapshot.LikedByMe);
        Assert.True(snapshot.CollectedByMe);
        Assert.Equal(1, Assert.Single(snapshot.Comments).Likes);
        // Still idempotent: the same users reacting again change nothing.
        Assert.Equal(2, (await LikeAsync(noteId, "bob")).Likes);
        Assert.Equal(1, (await CollectAsync(noteId, "ann")).Collects);
        Assert.Equal(1, (await LikeCommentAsync(noteId, "ann", ack.CommentId)).Likes);
    }

    [Fact]
    public async Task Liking_a_comment_twice_counts_once_and_every_change_is_announced_once_as_commentCounters()
    {
        var noteId = await CreateNoteAsync();
        var ack = await CommentAsync(noteId, "ann", "m1");
        var sentinel = await CommentAsync(noteId, "ann", "m2");

        Assert.Equal(new CommentCounters(noteId, ack.CommentId, 1), await LikeCommentAsync(noteId, "bob", ack.CommentId));
        Assert.Equal(1, (await LikeCommentAsync(noteId, "bob", ack.CommentId)).Likes);
        Assert.Equal(2, (await LikeCommentAsync(noteId, "cat", ack.CommentId)).Likes);
        Assert.Equal(1, (await LikeCommentAsync(noteId, "bob", ack.CommentId, liked: false)).Likes);
        Assert.Equal(1, (await LikeCommentAsync(noteId, "bob", ack.CommentId, liked: false)).Likes);
        await LikeCommentAsync(noteId, "bob", sentinel.CommentId);

        // Events leave in order: once the sentinel's is here, any event of the calls before it is too.
        await NoteEvents(noteId).WaitForAsync(HubEvents.CommentCounters, (CommentCounters c) => c.CommentId == sentinel.CommentId, "the sentinel's commentCounters");
        var announced = NoteEvents(noteId).All<CommentCounters>(HubEvents.CommentCounters, c => c.CommentId == ack.CommentId);
        Assert.Equal([1L, 2L, 1L], announced.Select(c => c.Likes));
        Assert.All(announced, c => Assert.Equal(noteId, c.NoteId));
        Assert.Equal(1, (await WatchAsync(noteId)).Comments.Single(c => c.CommentId == ack.CommentId).Likes);
    }

    [Fact]
    public async Task Likes_of_two_comments_are_counted_apart()
    {
        var noteId = await CreateNoteAsync();
        var first = await CommentAsync(noteId, "ann", "m1");
        var second = await CommentAsync(noteId, "ann", "m2");

        await LikeCommentAsync(noteId, "bob", first.CommentId);
        await LikeCommentAsync(noteId, "cat", first.CommentId);
        await LikeCommentAsync(noteId, "bob", second.CommentId);

        var comments = (await WatchAsync(noteId)).Comments;
        Assert.Equal([2L, 1L], comments.Select(c => c.Likes));
        Assert.Equal(0, (await WatchAsync(noteId)).Likes);
    }

    [Theory]
    [InlineData("c2")]
    [InlineData("c0")]
    [InlineData("x1")]
    public async Task Liking_a_comment_the_note_does_not_have_is_not_found(string commentId)
    {
        var noteId = await CreateNoteAsync();
        await CommentAsync(noteId, "ann", "m1");

        await RefusedAsync(ErrorCodes.NotFound, () => LikeCommentAsync(noteId, "bob", commentId));
    }

    [Fact]
    public async Task Reacting_to_a_note_that_does_not_exist_is_not_found()
    {
        await RefusedAsync(ErrorCodes.NotFound, () => LikeAsync("nope", "ann"));
        await RefusedAsync(ErrorCodes.NotFound, () => CollectAsync("nope", "ann"));
        await RefusedAsync(ErrorCodes.NotFound, () => CommentAsync("nope", "ann", "m1"));
        await RefusedAsync(ErrorCodes.NotFound, () => WatchAsync("nope"));
    }
}
