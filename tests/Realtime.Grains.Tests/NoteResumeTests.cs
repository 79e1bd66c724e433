using Realtime.Contracts.Errors;
using Realtime.Contracts.Validation;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Watching a note from a seq: exactly the comments after it, and an honest <c>recovered</c> flag.</summary>
public sealed class NoteResumeTests : NoteTestBase
{
    [Fact]
    public async Task Resuming_from_a_seq_returns_exactly_the_comments_after_it()
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, 10);

        var snapshot = await WatchAsync(noteId, sinceSeq: 4);

        Assert.True(snapshot.Recovered);
        Assert.Equal(10, snapshot.LastSeq);
        Assert.Equal(Seqs(5, 10), snapshot.Comments.Select(c => c.Seq));
    }

    [Fact]
    public async Task Resuming_from_the_latest_seq_returns_nothing_and_is_recovered()
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, 3);

        var snapshot = await WatchAsync(noteId, sinceSeq: 3);

        Assert.True(snapshot.Recovered);
        Assert.Empty(snapshot.Comments);
        Assert.Equal(3, snapshot.LastSeq);
    }

    [Fact]
    public async Task Watching_without_a_seq_returns_the_latest_comments_and_is_recovered()
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, Limits.SnapshotLatest + 10);

        var snapshot = await WatchAsync(noteId);

        Assert.True(snapshot.Recovered);
        Assert.Equal(Seqs(11, Limits.SnapshotLatest + 10), snapshot.Comments.Select(c => c.Seq));
    }

    [Fact]
    public async Task Watching_a_note_without_comments_returns_the_note()
    {
        var noteId = await CreateNoteAsync();

        var snapshot = await WatchAsync(noteId, sinceSeq: 0);

        Assert.True(snapshot.Recovered);
        Assert.Empty(snapshot.Comments);
        Assert.Equal((noteId, Author, "Title of " + noteId, "Body", 0L), (snapshot.NoteId, snapshot.AuthorId, snapshot.Title, snapshot.Body, snapshot.LastSeq));
        Assert.False(string.IsNullOrEmpty(snapshot.Epoch));
    }

    [Fact]
    public async Task Resuming_from_a_seq_the_note_never_had_is_not_recovered()
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, 5);

        var snapshot = await WatchAsync(noteId, sinceSeq: 20);

        Assert.False(snapshot.Recovered);
        Assert.Equal(5, snapshot.LastSeq);
        Assert.Equal(Seqs(1, 5), snapshot.Comments.Select(c => c.Seq));
    }

    [Fact]
    public async Task A_negative_sinceSeq_is_invalid()
    {
        var noteId = await CreateNoteAsync();

        await RefusedAsync(ErrorCodes.Invalid, () => WatchAsync(noteId, sinceSeq: -1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resuming_after_a_restart_returns_exactly_the_missed_comments_in_the_same_epoch(bool crash)
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, 30);
        var before = await WatchAsync(noteId);

        await RestartAsync(crash);

        var snapshot = await WatchAsync(noteId, sinceSeq: 12);
        Assert.True(snapshot.Recovered);
        Assert.Equal(before.Epoch, snapshot.Epoch);
        Assert.Equal(Seqs(13, 30), snapshot.Comments.Select(c => c.Seq));
        Assert.Equal(before.Comments.Where(c => c.Seq > 12), snapshot.Comments);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Resuming_from_as_far_back_as_the_resume_limit_is_exact_and_from_further_back_is_not_recovered(bool restart)
    {
        var noteId = await CreateNoteAsync();
        await CommentManyAsync(noteId, Limits.ResumeMax + 5);
        if (restart)
        {
            await RestartAsync(crash: false);
        }

        var atLimit = await WatchAsync(noteId, sinceSeq: 5);
        var beyond = await WatchAsync(noteId, sinceSeq: 4);

        Assert.True(atLimit.Recovered);
        Assert.Equal(Seqs(6, Limits.ResumeMax + 5), atLimit.Comments.Select(c => c.Seq));
        Assert.False(beyond.Recovered);
        Assert.Equal(Seqs(6, Limits.ResumeMax + 5), beyond.Comments.Select(c => c.Seq));
    }

    private static IEnumerable<long> Seqs(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);

    /// <summary>Comments by the note's author (so nobody is notified), in concurrent batches; returns once all are acknowledged.</summary>
    private async Task CommentManyAsync(string noteId, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(100, count - start)).Select(i => CommentAsync(noteId, Author, $"bulk{i}", $"line {i}")));
        }
    }
}
