using Realtime.Contracts.Errors;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.EndToEnd.Tests.Support;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// A thread and an inbox longer than the thousand entries kept in memory, read back after a
/// restart: snapshots, resumes, pages and read marks that reach into storage.
/// </summary>
public sealed class NoteLongThreadTests(NoteLongThreadFixture fixture) : IClassFixture<NoteLongThreadFixture>, IAsyncLifetime
{
    private const int Total = NoteLongThreadFixture.Comments;
    private readonly NoteWorld _world = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    /// <summary>Another test here adds to the thread, so positions are taken from the snapshot's lastSeq.</summary>
    [Fact]
    public async Task AThreadLongerThanTheResumeLimitResumesExactlyOrSaysItCannot()
    {
        var reader = await _world.ConnectAsync(null);

        var latest = await reader.WatchNoteAsync(fixture.NoteId);
        var last = latest.LastSeq;
        var thousand = await reader.WatchNoteAsync(fixture.NoteId, last - 1000);
        var tooMany = await reader.WatchNoteAsync(fixture.NoteId, last - 1001);
        var everything = await reader.WatchNoteAsync(fixture.NoteId, 0);
        var recent = await reader.WatchNoteAsync(fixture.NoteId, last - 10);

        Assert.True(last >= Total);
        Assert.Equal(fixture.Epoch, latest.Epoch);
        Assert.Equal(last, latest.CommentCount);
        Assert.Equal(Seqs(last - 49, last), latest.Comments.Select(c => c.Seq));
        Assert.True(latest.Recovered);
        Assert.Equal(Seqs(last - 999, last), thousand.Comments.Select(c => c.Seq));
        Assert.True(thousand.Recovered);
        Assert.False(tooMany.Recovered);
        Assert.Equal(Seqs(last - 999, last), tooMany.Comments.Select(c => c.Seq));
        Assert.False(everything.Recovered);
        Assert.Equal(Seqs(last - 10 + 1, last), recent.Comments.Select(c => c.Seq));
        Assert.True(recent.Recovered);
        Assert.All(thousand.Comments.Where(c => c.Seq <= Total), c => Assert.Equal(fixture.TextBySeq[c.Seq], c.Text));
    }

    [Fact]
    public async Task CommentsOlderThanTheWindowCanStillBeRepliedToLikedAndRetried()
    {
        // The author acts here, so the author's inbox (read by the other test) gets nothing from it.
        var author = await _world.ConnectAsync(fixture.AuthorId);
        var oldest = (await author.WatchNoteAsync(fixture.NoteId, 0)).Comments[0].Seq;
        Assert.True(oldest > 1, "the first comments are outside the window");
        var old = $"c{oldest - 90}";

        var reply = await author.PostCommentAsync(fixture.NoteId, "reply-old", "Still true today", old);
        var liked = await author.LikeCommentAsync(fixture.NoteId, old, true);
        var poster = await _world.ConnectAsync(fixture.PosterIds[0]);
        var retried = await poster.PostCommentAsync(fixture.NoteId, "p0-0", "poster 0 comment 0");

        var snapshot = await author.WatchNoteAsync(fixture.NoteId, reply.Seq - 1);
        Assert.Equal(old, snapshot.Comments.Single().ReplyToCommentId);
        Assert.Equal(new CommentCounters(fixture.NoteId, old, 1), liked);
        Assert.True(retried.Duplicate);
        Assert.Equal("poster 0 comment 0", fixture.TextBySeq[retried.Seq]);
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => author.PostCommentAsync(fixture.NoteId, "reply-none", "to nothing", "c99999"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => author.LikeCommentAsync(fixture.NoteId, "c99999", true));
        var posterOfOld = fixture.TextBySeq[oldest - 90].Split(' ')[1];
        var posterInbox = InboxProbe.Attach(await _world.ConnectAsync(fixture.PosterIds[int.Parse(posterOfOld, System.Globalization.CultureInfo.InvariantCulture)]));
        await posterInbox.UntilHoldsAsync([(InboxKinds.Reply, reply.CommentId), (InboxKinds.CommentLike, old)]);
    }

    [Fact]
    public async Task AnInboxLongerThanTheThousandKeptInMemoryPagesAndMarksReadExactly()
    {
        var inbox = await _world.ConnectAsync(fixture.AuthorId);

        var latest = await inbox.GetInboxAsync(null, 200);
        var fromStorage = await inbox.GetInboxAsync(5, 200);
        var acrossTheEdge = await inbox.GetInboxAsync(95, 10);
        var recent = await inbox.GetInboxAsync(Total - 3, 200);

        Assert.Equal(Seqs(Total - 199, Total), latest.Items.Select(i => i.Seq));
        Assert.Equal(Seqs(6, 205), fromStorage.Items.Select(i => i.Seq));
        Assert.Equal(Seqs(96, 105), acrossTheEdge.Items.Select(i => i.Seq));
        Assert.Equal(Seqs(Total - 2, Total), recent.Items.Select(i => i.Seq));
        Assert.All(new[] { latest, fromStorage, acrossTheEdge, recent }, p => Assert.Equal(((long)Total, (long)Total), (p.Unread, p.LastSeq)));
        Assert.All(fromStorage.Items, i => Assert.Equal((InboxKinds.Comment, i.Seq), (i.Kind, i.Unread)));

        Assert.Equal(new InboxUnread(Total - 50), await inbox.MarkInboxReadAsync(50));
        Assert.Equal(new InboxUnread(Total - 600), await inbox.MarkInboxReadAsync(600));
        Assert.Equal(new InboxUnread(0), await inbox.MarkInboxReadAsync(Total));
        Assert.Equal(0, (await inbox.GetInboxAsync(null, 1)).Unread);
    }

    private static IEnumerable<long> Seqs(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);
}
