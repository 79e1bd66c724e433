using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Notes;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Posting comments: per-note seq, comment ids, deduplication by clientMessageId, replies.</summary>
public sealed class NoteCommentTests : NoteTestBase
{
    [Fact]
    public async Task Comment_seqs_are_strictly_increasing_and_comment_events_arrive_in_seq_order_under_concurrent_commenters()
    {
        var noteId = await CreateNoteAsync();

        var acks = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => CommentAsync(noteId, $"user{i % 7}", $"m{i}")));

        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), acks.Select(a => a.Seq).Order());
        Assert.All(acks, a => Assert.False(a.Duplicate));
        Assert.All(acks, a => Assert.Equal("c" + a.Seq, a.CommentId));
        await CommentEventAsync(noteId, 150);
        var seen = NoteEvents(noteId).All<Comment>(HubEvents.Comment, _ => true).Select(c => c.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), seen);
        Assert.Equal(150, (await WatchAsync(noteId)).CommentCount);
    }

    [Fact]
    public async Task Seqs_of_two_notes_are_independent()
    {
        var first = await CreateNoteAsync();
        var second = await CreateNoteAsync();

        await CommentAsync(first, "ann", "m1");
        await CommentAsync(first, "ann", "m2");

        Assert.Equal(1, (await CommentAsync(second, "ann", "m1")).Seq);
    }

    [Fact]
    public async Task A_comment_event_carries_the_acknowledged_comment()
    {
        var noteId = await CreateNoteAsync();

        var ack = await CommentAsync(noteId, "ann", "m1", "so pretty");

        var comment = await CommentEventAsync(noteId, ack.Seq);
        Assert.Equal(new Comment(noteId, ack.Seq, ack.CommentId, "ann", "Ann", "so pretty", "en", null, Clock.UtcNow, 0, null), comment);
        Assert.Equal(comment, Assert.Single((await WatchAsync(noteId)).Comments));
    }

    [Fact]
    public async Task Retrying_a_clientMessageId_returns_the_same_comment_as_a_duplicate_without_a_second_comment_event_or_notification()
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);
        var first = await CommentAsync(noteId, "ann", "m1");

        var retry = await CommentAsync(noteId, "ann", "m1", "a different text");

        Assert.False(first.Duplicate);
        Assert.Equal(first with { Duplicate = true }, retry);
        await AssertOneCommentAsync(noteId, first);
        Assert.Single((await InboxAfterDeliveryAsync(noteId, Author)).Items, i => i.ActorId == "ann");
    }

    [Fact]
    public async Task Retries_that_queue_up_behind_the_original_are_duplicates_of_it()
    {
        var noteId = await CreateNoteAsync();

        var acks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CommentAsync(noteId, "ann", "m1")));

        Assert.Single(acks, a => !a.Duplicate);
        Assert.Single(acks.Select(a => (a.Seq, a.CommentId)).Distinct());
        await AssertOneCommentAsync(noteId, acks[0]);
    }

    [Fact]
    public async Task The_same_clientMessageId_from_two_users_makes_two_comments()
    {
        var noteId = await CreateNoteAsync();

        var fromAnn = await CommentAsync(noteId, "ann", "m1");
        var fromBob = await CommentAsync(noteId, "bob", "m1");

        Assert.False(fromBob.Duplicate);
        Assert.NotEqual(fromAnn.CommentId, fromBob.CommentId);
        Assert.Equal(["ann", "bob"], (await WatchAsync(noteId)).Comments.Select(c => c.UserId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retrying_a_clientMessageId_after_the_note_restarts_from_storage_is_still_a_duplicate(bool crash)
    {
        var noteId = await CreateNoteAsync();
        var first = await CommentAsync(noteId, "ann", "m1");
        await RestartAsync(crash);

        var retry = await CommentAsync(noteId, "ann", "m1");

        Assert.Equal(first with { Duplicate = true }, retry);
        var snapshot = await WatchAsync(noteId);
        Assert.Equal(1, snapshot.LastSeq);
        Assert.Equal(1, snapshot.CommentCount);
        Assert.Equal(2, (await CommentAsync(noteId, "ann", "m2")).Seq);
    }

    [Fact]
    public async Task Retrying_a_clientMessageId_older_than_the_history_kept_in_memory_after_a_restart_is_still_a_duplicate()
    {
        var noteId = await CreateNoteAsync();
        var early = await CommentAsync(noteId, Author, "early");
        await CommentManyAsync(noteId, 1010);
        await RestartAsync(crash: false);

        var retry = await CommentAsync(noteId, Author, "early");

        Assert.Equal(early with { Duplicate = true }, retry);
        Assert.Equal(1011, (await WatchAsync(noteId)).LastSeq);
    }

    [Fact]
    public async Task A_reply_to_a_comment_of_the_same_note_carries_its_comment_id()
    {
        var noteId = await CreateNoteAsync();
        var question = await CommentAsync(noteId, "ann", "m1", "where is this?");

        var answer = await CommentAsync(noteId, "bob", "m1", "Lijiang", replyTo: question.CommentId);

        Assert.Equal(question.CommentId, (await CommentEventAsync(noteId, answer.Seq)).ReplyToCommentId);
        Assert.Equal([null, question.CommentId], (await WatchAsync(noteId)).Comments.Select(c => c.ReplyToCommentId));
    }

    [Fact]
    public async Task A_reply_to_a_comment_no_longer_in_memory_after_a_restart_is_accepted()
    {
        var noteId = await CreateNoteAsync();
        var early = await CommentAsync(noteId, Author, "early");
        await CommentManyAsync(noteId, 1005);
        await RestartAsync(crash: false);

        var reply = await CommentAsync(noteId, "bob", "m1", "late answer", replyTo: early.CommentId);

        Assert.Equal(early.CommentId, (await CommentEventAsync(noteId, reply.Seq)).ReplyToCommentId);
    }

    [Theory]
    [InlineData("c2")]
    [InlineData("c99")]
    [InlineData("c0")]
    [InlineData("c-1")]
    [InlineData("x1")]
    [InlineData("")]
    public async Task A_reply_to_a_comment_the_note_never_had_is_invalid_and_changes_nothing(string replyTo)
    {
        var noteId = await CreateNoteAsync();
        await WatchInboxAsync(Author);
        await CommentAsync(noteId, "ann", "m1");

        await RefusedAsync(ErrorCodes.Invalid, () => CommentAsync(noteId, "bob", "m1", "@ann hi", replyTo: replyTo));

        await AssertNothingChangedAsync(noteId);
    }

    [Fact]
    public async Task A_reply_to_a_comment_of_another_note_is_invalid_and_changes_nothing()
    {
        var noteId = await CreateNoteAsync();
        var other = await CreateNoteAsync("other-author");
        await WatchInboxAsync(Author);
        await CommentAsync(noteId, "ann", "m1");
        await CommentAsync(other, "cat", "m1");
        var elsewhere = await CommentAsync(other, "cat", "m2");

        await RefusedAsync(ErrorCodes.Invalid, () => CommentAsync(noteId, "bob", "m1", replyTo: elsewhere.CommentId));

        await AssertNothingChangedAsync(noteId);
        Assert.Equal(2, (await WatchAsync(other)).CommentCount);
    }

    /// <summary>After a refused reply from bob ("m1"): still one comment, one event, one notification, and "m1" is free.</summary>
    private async Task AssertNothingChangedAsync(string noteId)
    {
        var snapshot = await WatchAsync(noteId);
        Assert.Equal(1, snapshot.LastSeq);
        Assert.Equal(1, snapshot.CommentCount);
        Assert.Equal(["ann"], snapshot.Comments.Select(c => c.UserId));
        var inbox = await InboxAfterDeliveryAsync(noteId, Author);
        Assert.Equal(["ann"], inbox.Items.Select(i => i.ActorId));
        Assert.Empty((await InboxAfterDeliveryAsync(noteId, "ann")).Items);

        var ack = await CommentAsync(noteId, "bob", "m1");
        Assert.False(ack.Duplicate);
        Assert.Equal(2, ack.Seq);
        await CommentEventAsync(noteId, 2);
        Assert.Equal([1L, 2L], NoteEvents(noteId).All<Comment>(HubEvents.Comment, _ => true).Select(c => c.Seq));
    }

    /// <summary>
    /// Checks the note holds one comment for <paramref name="ack"/> and published one event for it:
    /// a later comment's event is awaited first, and events leave in order.
    /// </summary>
    private async Task AssertOneCommentAsync(string noteId, CommentAck ack)
    {
        var sentinel = await CommentAsync(noteId, "sentinel", Guid.NewGuid().ToString("N"));
        await CommentEventAsync(noteId, sentinel.Seq);
        Assert.Equal(ack.Seq + 1, sentinel.Seq);
        Assert.Single(NoteEvents(noteId).All<Comment>(HubEvents.Comment, c => c.Seq == ack.Seq));
        var snapshot = await WatchAsync(noteId);
        Assert.Single(snapshot.Comments, c => c.CommentId == ack.CommentId);
        Assert.Equal(2, snapshot.CommentCount);
    }

    private Task<Comment> CommentEventAsync(string noteId, long seq) =>
        NoteEvents(noteId).WaitForAsync(HubEvents.Comment, (Comment c) => c.NoteId == noteId && c.Seq == seq, $"seq {seq}");

    /// <summary>Comments by the note's author (so nobody is notified), in concurrent batches.</summary>
    private async Task CommentManyAsync(string noteId, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(100, count - start)).Select(i => CommentAsync(noteId, Author, $"bulk{i}")));
        }
    }
}
