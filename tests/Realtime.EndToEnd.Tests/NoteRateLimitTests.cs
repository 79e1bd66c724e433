using Realtime.Contracts.Errors;
using Realtime.Contracts.Inbox;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// Comment and reaction rate limits (<c>RateLimits__CommentBurst</c>, <c>__LikeBurst</c>) on a
/// silo of its own whose buckets practically never refill, so the limit is met at a known call.
/// </summary>
public sealed class NoteRateLimitTests
{
    private static readonly Dictionary<string, string> StrictLimits = new()
    {
        ["RateLimits__CommentBurst"] = "3",
        ["RateLimits__CommentPerSecond"] = "0.0001",
        ["RateLimits__LikeBurst"] = "2",
        ["RateLimits__LikePerSecond"] = "0.0001",
    };

    [Fact]
    public async Task CommentsAndReactionsBeyondTheBurstAreRateLimitedAndChangeNothing()
    {
        await using var silo = await SiloProcess.StartAsync(environment: StrictLimits);
        await using var world = new NoteWorld(silo);
        var author = NoteWorld.NewUser("author");
        var note = await world.CreateNoteAsync(author);
        var authorInbox = InboxProbe.Attach(await world.ConnectAsync(author));
        var fan = NoteWorld.NewUser("fan");
        var fanClient = await world.ConnectAsync(fan);
        var fanInbox = InboxProbe.Attach(fanClient);
        var acks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            acks.Add((await fanClient.PostCommentAsync(note.NoteId, $"ok{i}", $"comment {i}")).CommentId);
        }

        await authorInbox.UntilAsync(p => p.Items.Count == 3);
        var before = await NoteView.ReadAsync(world, note.NoteId);

        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fanClient.PostCommentAsync(note.NoteId, "over", "one too many"));
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fanClient.PostCommentAsync(note.NoteId, "over-reply", "and a reply", acks[0]));
        Assert.Equal(new Contracts.Notes.NoteCounters(note.NoteId, 1, 0, 3), await fanClient.LikeNoteAsync(note.NoteId, true));
        Assert.Equal(new Contracts.Notes.NoteCounters(note.NoteId, 1, 1, 3), await fanClient.CollectNoteAsync(note.NoteId, true));
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fanClient.LikeNoteAsync(note.NoteId, false));
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => fanClient.CollectNoteAsync(note.NoteId, false));
        var other = await world.ConnectAsync(NoteWorld.NewUser("other"));
        await other.LikeCommentAsync(note.NoteId, acks[0], true);
        await other.LikeCommentAsync(note.NoteId, acks[0], false);
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => other.LikeCommentAsync(note.NoteId, acks[0], true));

        Assert.Equal(before with { Likes = 1, Collects = 1 }, await NoteView.ReadAsync(world, note.NoteId));
        // Limits are per user: someone else still comments, and the inboxes show only what was accepted.
        var barrier = await other.PostCommentAsync(note.NoteId, "barrier", "my turn", acks[0]);
        var authorPage = await authorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId));
        var fanPage = await fanInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId));
        Assert.Equal(
            new[] { InboxKinds.Comment, InboxKinds.Comment, InboxKinds.Comment, InboxKinds.NoteLike, InboxKinds.Collect, InboxKinds.Comment }.Order(),
            authorPage.Items.Select(i => i.Kind).Order());
        Assert.Equal([InboxKinds.CommentLike, InboxKinds.Reply], fanPage.Items.Select(i => i.Kind));
    }
}
