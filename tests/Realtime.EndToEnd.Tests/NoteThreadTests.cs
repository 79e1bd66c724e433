using Realtime.Testing;
using System.Collections.Concurrent;
using System.Text.Json;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.EndToEnd.Tests.Support;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// Watching a note, commenting, replying, liking and collecting, over the hub of a real silo:
/// every method, event and refusal of the note-thread contract. A refused call is always shown to
/// change nothing: the note reads the same afterwards and the author's inbox gets nothing from it.
/// </summary>
public sealed class NoteThreadTests(NoteSiloFixture fixture) : IClassFixture<NoteSiloFixture>, IAsyncLifetime
{
    private const string Emoji = "\U0001F336";
    private readonly NoteWorld _world = new(fixture.Silo);

    public static TheoryData<string?> BadIds => new()
    {
        null,
        string.Empty,
        new string('a', 65),
        "a b",
        "\u00fc",
        "note/1",
        "tab\there",
    };

    public static TheoryData<string?> BadCommentTexts => new()
    {
        null,
        string.Empty,
        "   ",
        " \t\r\n\u00a0\u3000 ",
        new string('x', 2001),
        string.Concat(Enumerable.Repeat(Emoji, 2001)),
        string.Concat(Enumerable.Repeat(Emoji, 2000)) + "x",
        string.Concat(Enumerable.Repeat("e\u0301", 2001)),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task WatchingANewNoteReturnsItsSnapshotWithEveryField()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author, "Dumplings", "Twelve folds each.");
        var reader = await _world.ConnectAsync(NoteWorld.NewUser("reader"));

        var snapshot = await reader.WatchNoteAsync(note.NoteId);

        Assert.Equal(note.NoteId, snapshot.NoteId);
        Assert.Equal(author, snapshot.AuthorId);
        Assert.Equal("Dumplings", snapshot.Title);
        Assert.Equal("Twelve folds each.", snapshot.Body);
        Assert.Equal(0, snapshot.Likes);
        Assert.Equal(0, snapshot.Collects);
        Assert.Equal(0, snapshot.CommentCount);
        Assert.Equal(0, snapshot.LastSeq);
        Assert.False(string.IsNullOrEmpty(snapshot.Epoch));
        Assert.True(snapshot.Recovered);
        Assert.Empty(snapshot.Comments);
        Assert.False(snapshot.LikedByMe);
        Assert.False(snapshot.CollectedByMe);
    }

    /// <summary>Read off the wire: every field of every note shape is present, with null where it has no value.</summary>
    [Fact]
    public async Task EveryFieldOfTheNoteShapesIsOnTheWireEvenWhenNull()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var commenter = NoteWorld.NewUser("fan");
        await using var raw = await RawHubSocket.ConnectAsync(_world.Silo, await _world.TokenAsync(commenter));

        var ack = await raw.InvokeAsync(HubMethods.PostComment, note.NoteId, "c1", "So good", null);
        var snapshot = await raw.InvokeAsync(HubMethods.WatchNote, note.NoteId, null);
        var noteCounters = await raw.InvokeAsync(HubMethods.LikeNote, note.NoteId, true);
        var commentCounters = await raw.InvokeAsync(HubMethods.LikeComment, note.NoteId, "c1", true);

        AssertFields(ack, "commentId", "duplicate", "held", "masked", "seq");
        AssertFields(snapshot, "authorId", "body", "collectedByMe", "collects", "commentCount", "comments", "epoch", "lastSeq", "likedByMe", "likes", "noteId", "recovered", "title");
        var comment = snapshot.Result!.Value.GetProperty("comments")[0];
        Assert.Equal(
            ["commentId", "createdAt", "displayName", "language", "likes", "noteId", "replyToCommentId", "seq", "text", "translation", "userId"],
            comment.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, comment.GetProperty("replyToCommentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, comment.GetProperty("translation").ValueKind);
        Assert.Equal(JsonValueKind.Null, comment.GetProperty("language").ValueKind);
        AssertFields(noteCounters, "collects", "comments", "likes", "noteId");
        AssertFields(commentCounters, "commentId", "likes", "noteId");
    }

    [Fact]
    public async Task TheSnapshotHoldsTheLatestFiftyCommentsAndASinceSeqResumeHoldsExactlyTheMissedOnes()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("chatty"));
        for (var i = 1; i <= 60; i++)
        {
            await commenter.PostCommentAsync(note.NoteId, $"m{i}", $"comment {i}");
        }

        var reader = await _world.ConnectAsync(null);
        var latest = await reader.WatchNoteAsync(note.NoteId);
        var resumed = await reader.WatchNoteAsync(note.NoteId, 42);
        var everything = await reader.WatchNoteAsync(note.NoteId, 0);
        var upToDate = await reader.WatchNoteAsync(note.NoteId, 60);

        Assert.Equal(Enumerable.Range(11, 50).Select(i => (long)i), latest.Comments.Select(c => c.Seq));
        Assert.Equal(60, latest.LastSeq);
        Assert.Equal(60, latest.CommentCount);
        Assert.True(latest.Recovered);
        Assert.Equal(Enumerable.Range(43, 18).Select(i => (long)i), resumed.Comments.Select(c => c.Seq));
        Assert.True(resumed.Recovered);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"comment {i}"), everything.Comments.Select(c => c.Text));
        Assert.True(everything.Recovered);
        Assert.Empty(upToDate.Comments);
        Assert.True(upToDate.Recovered);
        Assert.Single(new[] { latest.Epoch, resumed.Epoch, everything.Epoch, upToDate.Epoch }.Distinct());
    }

    [Fact]
    public async Task ResumingFromASeqTheNoteNeverHadIsNotRecoveredAndShowsTheLatest()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        await commenter.PostCommentAsync(note.NoteId, "only", "the only comment");

        var snapshot = await (await _world.ConnectAsync(null)).WatchNoteAsync(note.NoteId, 500);

        Assert.False(snapshot.Recovered);
        Assert.Equal([1L], snapshot.Comments.Select(c => c.Seq));
    }

    [Fact]
    public async Task LikedByMeAndCollectedByMeDescribeTheCallerOnly()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var fan = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var other = await _world.ConnectAsync(NoteWorld.NewUser("other"));
        var anonymous = await _world.ConnectAsync(null);

        await fan.LikeNoteAsync(note.NoteId, true);
        await fan.CollectNoteAsync(note.NoteId, true);
        await other.CollectNoteAsync(note.NoteId, true);

        var mine = await fan.WatchNoteAsync(note.NoteId);
        var theirs = await other.WatchNoteAsync(note.NoteId);
        var nobodys = await anonymous.WatchNoteAsync(note.NoteId);
        Assert.True(mine.LikedByMe);
        Assert.True(mine.CollectedByMe);
        Assert.False(theirs.LikedByMe);
        Assert.True(theirs.CollectedByMe);
        Assert.False(nobodys.LikedByMe);
        Assert.False(nobodys.CollectedByMe);
        Assert.Equal((1L, 2L), (nobodys.Likes, nobodys.Collects));

        await fan.LikeNoteAsync(note.NoteId, false);
        var after = await fan.WatchNoteAsync(note.NoteId);
        Assert.False(after.LikedByMe);
        Assert.True(after.CollectedByMe);
    }

    [Fact]
    public async Task WatchingAnUnknownNoteIsNotFoundAndLeavesTheConnectionAsItWas()
    {
        var noteId = SiloClients.NewId("missing");
        var watcher = await _world.ConnectAsync(NoteWorld.NewUser("reader"));
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => watcher.WatchNoteAsync(noteId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => watcher.WatchNoteAsync(noteId, 3));

        var rest = await Assert.ThrowsAsync<Realtime.Client.RealtimeApiException>(() => _world.Rest.GetNoteAsync(noteId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, rest.StatusCode);
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var snapshot = await watcher.WatchNoteAsync(note.NoteId);
        var ack = await (await _world.ConnectAsync(NoteWorld.NewUser("fan"))).PostCommentAsync(note.NoteId, "hi", "hello");
        await comments.WaitAsync(c => c.Seq == ack.Seq);
        Assert.Equal(0, snapshot.LastSeq);
        Assert.All(comments.Items, c => Assert.Equal(note.NoteId, c.NoteId));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public async Task WatchingWithANegativeSinceSeqIsInvalidAndDoesNotWatch(long sinceSeq)
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var other = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var watcher = await _world.ConnectAsync(null);
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);
        await watcher.WatchNoteAsync(other.NoteId);

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => watcher.WatchNoteAsync(note.NoteId, sinceSeq));

        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        await commenter.PostCommentAsync(note.NoteId, "a", "on the note not watched");
        var barrier = await commenter.PostCommentAsync(other.NoteId, "b", "on the watched note");
        await comments.WaitAsync(c => c.NoteId == other.NoteId && c.Seq == barrier.Seq);
        Assert.DoesNotContain(comments.Items, c => c.NoteId == note.NoteId);
    }

    /// <summary>
    /// A silo sends every event through one ordered loop, so once a comment on a second, watched
    /// note has arrived, any event of the unwatched note published before it would have arrived too.
    /// </summary>
    [Fact]
    public async Task UnwatchingANoteStopsItsCommentEvents()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var barrierNote = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var reader = NoteWorld.NewUser("reader");
        var watcher = await _world.ConnectAsync(reader);
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);
        // Watching twice counts once, so one unwatch is enough.
        await watcher.WatchNoteAsync(note.NoteId);
        await watcher.WatchNoteAsync(note.NoteId);
        await watcher.WatchNoteAsync(barrierNote.NoteId);
        // The same user's other connection keeps watching.
        var otherConnection = await _world.ConnectAsync(reader);
        var stillWatching = new EventLog<Comment>();
        otherConnection.OnComment(stillWatching.Add);
        await otherConnection.WatchNoteAsync(note.NoteId);
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var first = await commenter.PostCommentAsync(note.NoteId, "1", "while watched");
        await comments.WaitAsync(c => c.NoteId == note.NoteId && c.Seq == first.Seq);

        await watcher.UnwatchNoteAsync(note.NoteId);
        await commenter.PostCommentAsync(note.NoteId, "2", "after unwatching");
        var third = await commenter.PostCommentAsync(note.NoteId, "3", "still after");
        var barrier = await commenter.PostCommentAsync(barrierNote.NoteId, "b", "barrier");

        await comments.WaitAsync(c => c.NoteId == barrierNote.NoteId && c.Seq == barrier.Seq);
        Assert.Equal([first.Seq], comments.Items.Where(c => c.NoteId == note.NoteId).Select(c => c.Seq));
        await stillWatching.WaitAsync(c => c.Seq == third.Seq);
        Assert.Equal([1L, 2L, 3L], stillWatching.Items.Select(c => c.Seq));
        Assert.Equal(3, (await watcher.WatchNoteAsync(note.NoteId, first.Seq)).LastSeq);
    }

    [Fact]
    public async Task UnwatchingANoteThatWasNeverWatchedOrDoesNotExistDoesNothing()
    {
        var watcher = await _world.ConnectAsync(null);

        await watcher.UnwatchNoteAsync(SiloClients.NewId("missing"));
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        await watcher.UnwatchNoteAsync(note.NoteId);

        Assert.Equal(0, (await watcher.WatchNoteAsync(note.NoteId)).LastSeq);
    }

    [Fact]
    public async Task CommentsAreAcknowledgedAndReachEveryWatcherInSeqOrder()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var anonymous = await _world.ConnectAsync(null);
        var signedIn = await _world.ConnectAsync(NoteWorld.NewUser("reader"));
        var seenByAnonymous = new EventLog<Comment>();
        var seenBySignedIn = new EventLog<Comment>();
        anonymous.OnComment(seenByAnonymous.Add);
        signedIn.OnComment(seenBySignedIn.Add);
        await anonymous.WatchNoteAsync(note.NoteId);
        await signedIn.WatchNoteAsync(note.NoteId);
        var posters = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _world.ConnectAsync(NoteWorld.NewUser($"poster{i}"), "en")));
        var acks = new ConcurrentDictionary<string, CommentAck>();

        await Task.WhenAll(posters.Select(async (poster, p) =>
        {
            for (var i = 0; i < 10; i++)
            {
                acks[$"poster {p} says {i}"] = await poster.PostCommentAsync(note.NoteId, $"p{p}-{i}", $"poster {p} says {i}");
            }
        }));

        var received = await seenByAnonymous.WaitCountAsync(40);
        await seenBySignedIn.WaitCountAsync(40);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), acks.Values.Select(a => a.Seq).Order());
        Assert.All(acks.Values, a => Assert.False(a.Duplicate));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), received.Select(c => c.Seq));
        Assert.Equal(received.Select(c => c.Seq), seenBySignedIn.Items.Select(c => c.Seq));
        Assert.All(received, c => Assert.Equal(acks[c.Text].CommentId, c.CommentId));
        Assert.Equal(40, received.Select(c => c.CommentId).Distinct(StringComparer.Ordinal).Count());
        var first = received[0];
        Assert.Equal(note.NoteId, first.NoteId);
        Assert.StartsWith("poster", first.UserId, StringComparison.Ordinal);
        Assert.Equal(NoteWorld.NameOf(first.UserId), first.DisplayName);
        Assert.Equal("en", first.Language);
        Assert.Null(first.ReplyToCommentId);
        Assert.Equal(0, first.Likes);
        Assert.Null(first.Translation);
        Assert.Equal(TimeSpan.Zero, first.CreatedAt.Offset);
        var snapshot = await signedIn.WatchNoteAsync(note.NoteId, 0);
        Assert.Equal(received.Select(c => (c.Seq, c.CommentId, c.Text)), snapshot.Comments.Select(c => (c.Seq, c.CommentId, c.Text)));
        Assert.Equal(40, snapshot.CommentCount);
    }

    [Fact]
    public async Task CommentTextIsTrimmedAndNormalisedAndTwoThousandCodePointsAreAccepted()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var longest = string.Concat(Enumerable.Repeat(Emoji, 2000));
        Assert.Equal(4000, longest.Length);

        var padded = await commenter.PostCommentAsync(note.NoteId, "padded", "  Cafe\u0301 \n");
        var decomposed = await commenter.PostCommentAsync(note.NoteId, "nfc", string.Concat(Enumerable.Repeat("e\u0301", 2000)));
        var emoji = await commenter.PostCommentAsync(note.NoteId, "emoji", longest);

        var texts = (await commenter.WatchNoteAsync(note.NoteId)).Comments.ToDictionary(c => c.Seq, c => c.Text);
        Assert.Equal("Caf\u00e9", texts[padded.Seq]);
        Assert.Equal(new string('\u00e9', 2000), texts[decomposed.Seq]);
        Assert.Equal(longest, texts[emoji.Seq]);
    }

    [Fact]
    public async Task AReplyCarriesTheCommentItAnswersToWatchersAndSnapshots()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var asker = await _world.ConnectAsync(NoteWorld.NewUser("asker"));
        var answerer = await _world.ConnectAsync(NoteWorld.NewUser("answerer"));
        var comments = new EventLog<Comment>();
        asker.OnComment(comments.Add);
        await asker.WatchNoteAsync(note.NoteId);
        var question = await asker.PostCommentAsync(note.NoteId, "q", "Which street is it on?");

        var answer = await answerer.PostCommentAsync(note.NoteId, "a", "Jinli, near the gate", question.CommentId);
        var followUp = await asker.PostCommentAsync(note.NoteId, "t", "Thanks!", answer.CommentId);

        Assert.Equal(question.CommentId, (await comments.WaitAsync(c => c.Seq == answer.Seq)).ReplyToCommentId);
        Assert.Equal(answer.CommentId, (await comments.WaitAsync(c => c.Seq == followUp.Seq)).ReplyToCommentId);
        var snapshot = await answerer.WatchNoteAsync(note.NoteId);
        Assert.Equal([null, question.CommentId, answer.CommentId], snapshot.Comments.Select(c => c.ReplyToCommentId));
    }

    [Fact]
    public async Task AReplyToACommentOfAnotherNoteIsInvalidAndChangesNothing()
    {
        var author = NoteWorld.NewUser("author");
        var busy = await _world.CreateNoteAsync(NoteWorld.NewUser("other-author"));
        var quiet = await _world.CreateNoteAsync(author);
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var elsewhere = new List<CommentAck>();
        for (var i = 0; i < 3; i++)
        {
            elsewhere.Add(await commenter.PostCommentAsync(busy.NoteId, $"busy{i}", $"on the busy note {i}"));
        }

        await commenter.PostCommentAsync(quiet.NoteId, "quiet0", "the only comment here");
        var authorInbox = InboxProbe.Attach(await _world.ConnectAsync(author));
        var inboxBefore = await authorInbox.UntilAsync(p => p.Items.Count == 1);
        var quietBefore = await NoteView.ReadAsync(_world, quiet.NoteId);
        var busyBefore = await NoteView.ReadAsync(_world, busy.NoteId);

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => commenter.PostCommentAsync(quiet.NoteId, "stray", "replying across notes", elsewhere[2].CommentId));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => commenter.PostCommentAsync(quiet.NoteId, "stray", "replying to nothing", "c999"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => commenter.PostCommentAsync(quiet.NoteId, "stray", "replying to nothing", "c0"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => commenter.PostCommentAsync(quiet.NoteId, "stray", "replying to a note id", busy.NoteId));

        Assert.Equal(quietBefore, await NoteView.ReadAsync(_world, quiet.NoteId));
        Assert.Equal(busyBefore, await NoteView.ReadAsync(_world, busy.NoteId));
        await AssertNextInboxItemIsTheBarrierAsync(authorInbox, inboxBefore, commenter, quiet.NoteId, "stray");
    }

    [Fact]
    public async Task CommentingOnAnUnknownNoteIsNotFoundAndCreatesNoNote()
    {
        var noteId = SiloClients.NewId("missing");
        var commenter = await _world.ConnectAsync(NoteWorld.NewUser("fan"));

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => commenter.PostCommentAsync(noteId, "x", "hello?"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => commenter.PostCommentAsync(noteId, "y", "hello?", "c1"));

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => commenter.WatchNoteAsync(noteId));
        var rest = await Assert.ThrowsAsync<Realtime.Client.RealtimeApiException>(() => _world.Rest.GetNoteAsync(noteId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, rest.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadCommentTexts))]
    public async Task CommentTextThatIsEmptyOrOverTwoThousandCodePointsIsInvalidAndChangesNothing(string? text)
    {
        var scene = await SceneAsync();

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => scene.Commenter.Connection.InvokeAsync(HubMethods.PostComment, [scene.NoteId, "bad-text", text, null]));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => scene.Commenter.Connection.InvokeAsync(HubMethods.PostComment, [scene.NoteId, "bad-reply", text, "c1"]));

        Assert.Equal(scene.Before, await NoteView.ReadAsync(_world, scene.NoteId));
        // The refused comment did not take its clientMessageId either.
        await AssertNextInboxItemIsTheBarrierAsync(scene.AuthorInbox, scene.InboxBefore, scene.Commenter, scene.NoteId, "bad-text");
    }

    [Fact]
    public async Task AnAnonymousConnectionCannotCommentReactOrReadAnInboxAndChangesNothing()
    {
        var scene = await SceneAsync();
        var anonymous = await _world.ConnectAsync(null);
        await anonymous.WatchNoteAsync(scene.NoteId);

        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.PostCommentAsync(scene.NoteId, "anon", "who am I"));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.PostCommentAsync(scene.NoteId, "anon-reply", "who am I", "c1"));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.LikeNoteAsync(scene.NoteId, true));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.CollectNoteAsync(scene.NoteId, true));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, () => anonymous.LikeCommentAsync(scene.NoteId, "c1", true));

        Assert.Equal(scene.Before, await NoteView.ReadAsync(_world, scene.NoteId));
        await AssertNextInboxItemIsTheBarrierAsync(scene.AuthorInbox, scene.InboxBefore, scene.Commenter, scene.NoteId, "anon");
    }

    [Fact]
    public async Task ARetryWithTheSameClientMessageIdGetsTheSameAckMarkedDuplicateAndAddsNothing()
    {
        var scene = await SceneAsync();
        var watcher = await _world.ConnectAsync(null);
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);
        await watcher.WatchNoteAsync(scene.NoteId);

        var first = await scene.Commenter.PostCommentAsync(scene.NoteId, "retry-me", "posted once");
        var again = await scene.Commenter.PostCommentAsync(scene.NoteId, "retry-me", "posted once");
        var reworded = await scene.Commenter.PostCommentAsync(scene.NoteId, "retry-me", "posted once, edited");
        var someoneElse = await (await _world.ConnectAsync(NoteWorld.NewUser("other"))).PostCommentAsync(scene.NoteId, "retry-me", "same id, other user");

        Assert.False(first.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(first with { Duplicate = true }, reworded);
        Assert.False(someoneElse.Duplicate);
        Assert.Equal(first.Seq + 1, someoneElse.Seq);
        await comments.WaitAsync(c => c.Seq == someoneElse.Seq);
        Assert.Equal([first.Seq, someoneElse.Seq], comments.Items.Select(c => c.Seq));
        var after = await NoteView.ReadAsync(_world, scene.NoteId);
        Assert.Equal(scene.Before.CommentCount + 2, after.CommentCount);
        var inbox = await scene.AuthorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == someoneElse.CommentId));
        Assert.Single(inbox.Items, i => i.CommentId == first.CommentId);
        Assert.Equal(scene.InboxBefore.Items.Count + 2, inbox.Items.Count);
    }

    [Fact]
    public async Task ConcurrentRetriesFromTwoConnectionsOfOneUserMakeOneComment()
    {
        var scene = await SceneAsync();
        var sameUser = await _world.ConnectAsync(scene.CommenterId);

        var acks = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? scene.Commenter : sameUser).PostCommentAsync(scene.NoteId, "flaky-network", "sent once, retried often")));

        Assert.Single(acks, a => !a.Duplicate);
        Assert.Single(acks.Select(a => (a.CommentId, a.Seq)).Distinct());
        var after = await NoteView.ReadAsync(_world, scene.NoteId);
        Assert.Equal(scene.Before.CommentCount + 1, after.CommentCount);
        var inbox = await scene.AuthorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == acks[0].CommentId));
        Assert.Equal(scene.InboxBefore.Items.Count + 1, inbox.Items.Count);
        await AssertNextInboxItemIsTheBarrierAsync(scene.AuthorInbox, inbox, scene.Commenter, scene.NoteId, "next");
    }

    /// <summary>
    /// A watcher that arrives while comments are pouring in gets every later comment as an event:
    /// the snapshot and the events together leave no gap.
    /// </summary>
    [Fact]
    public async Task AWatcherWhoArrivesMidThreadMissesNothingBetweenTheSnapshotAndTheEvents()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var posters = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _world.ConnectAsync(NoteWorld.NewUser($"poster{i}"))));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posting = posters.Select((poster, p) => Task.Run(async () =>
        {
            var last = 0L;
            for (var n = 0; n < 40; n++)
            {
                last = Math.Max(last, (await poster.PostCommentAsync(note.NoteId, $"p{p}-{n}", $"{p}/{n}")).Seq);
                if (n == 5)
                {
                    started.TrySetResult();
                }
            }

            return last;
        })).ToList();
        await started.Task;
        var watcher = await _world.ConnectAsync(null);
        var events = new EventLog<Comment>();
        watcher.OnComment(events.Add);

        var snapshot = await watcher.WatchNoteAsync(note.NoteId);
        var lastSeq = (await Task.WhenAll(posting)).Max();

        Assert.Equal(120, lastSeq);
        await events.WaitAsync(c => c.Seq == lastSeq);
        var seen = snapshot.Comments.Select(c => c.Seq).Concat(events.Items.Select(c => c.Seq)).ToHashSet();
        Assert.All(Enumerable.Range((int)snapshot.LastSeq + 1, (int)(lastSeq - snapshot.LastSeq)), seq => Assert.Contains((long)seq, seen));
        var later = events.Items.Where(c => c.Seq > snapshot.LastSeq).Select(c => c.Seq).ToList();
        Assert.Equal(later.Order(), later);
        Assert.Equal(later.Distinct(), later);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task EveryIdArgumentOfEveryNoteMethodRefusesABadIdAndNothingChanges(string? badId)
    {
        var scene = await SceneAsync();
        var watcher = await _world.ConnectAsync(null);
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);
        await watcher.WatchNoteAsync(scene.NoteId);
        var hub = scene.Commenter.Connection;

        await ExpectInvalidAsync("WatchNote noteId", () => hub.InvokeAsync(HubMethods.WatchNote, [badId, null]));
        await ExpectInvalidAsync("UnwatchNote noteId", () => watcher.Connection.InvokeAsync(HubMethods.UnwatchNote, [badId]));
        await ExpectInvalidAsync("PostComment noteId", () => hub.InvokeAsync(HubMethods.PostComment, [badId, "m", "hello", null]));
        await ExpectInvalidAsync("PostComment clientMessageId", () => hub.InvokeAsync(HubMethods.PostComment, [scene.NoteId, badId, "hello", null]));
        if (badId is not null)
        {
            await ExpectInvalidAsync("PostComment replyToCommentId", () => hub.InvokeAsync(HubMethods.PostComment, [scene.NoteId, "m", "hello", badId]));
        }

        await ExpectInvalidAsync("LikeNote noteId", () => hub.InvokeAsync(HubMethods.LikeNote, [badId, true]));
        await ExpectInvalidAsync("CollectNote noteId", () => hub.InvokeAsync(HubMethods.CollectNote, [badId, true]));
        await ExpectInvalidAsync("LikeComment noteId", () => hub.InvokeAsync(HubMethods.LikeComment, [badId, "c1", true]));
        await ExpectInvalidAsync("LikeComment commentId", () => hub.InvokeAsync(HubMethods.LikeComment, [scene.NoteId, badId, true]));

        Assert.Equal(scene.Before, await NoteView.ReadAsync(_world, scene.NoteId));
        // The watcher still watches, and the refused "m" took no clientMessageId.
        var next = await AssertNextInboxItemIsTheBarrierAsync(scene.AuthorInbox, scene.InboxBefore, scene.Commenter, scene.NoteId, "m");
        await comments.WaitAsync(c => c.Seq == next.Seq);
    }

    [Fact]
    public async Task LikeAndCollectReturnTheNotesCountersAndRepeatingThemChangesNothing()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var fan = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var other = await _world.ConnectAsync(NoteWorld.NewUser("other"));
        await fan.PostCommentAsync(note.NoteId, "c", "a comment");

        Assert.Equal(new NoteCounters(note.NoteId, 1, 0, 1), await fan.LikeNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 0, 1), await fan.LikeNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 1, 1), await fan.CollectNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 1, 1), await fan.CollectNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 2, 1, 1), await other.LikeNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 2, 2, 1), await other.CollectNoteAsync(note.NoteId, true));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 2, 1), await fan.LikeNoteAsync(note.NoteId, false));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 2, 1), await fan.LikeNoteAsync(note.NoteId, false));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 1, 1), await other.CollectNoteAsync(note.NoteId, false));
        Assert.Equal(new NoteCounters(note.NoteId, 1, 1, 1), await other.CollectNoteAsync(note.NoteId, false));

        var view = await NoteView.ReadAsync(_world, note.NoteId);
        Assert.Equal((1L, 1L, 1L), (view.Likes, view.Collects, view.CommentCount));
    }

    [Fact]
    public async Task WatchersReceiveNoteCountersWhenLikesCollectsAndCommentsChange()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var watcher = await _world.ConnectAsync(null);
        var counters = new EventLog<NoteCounters>();
        watcher.OnNoteCounters(counters.Add);
        await watcher.WatchNoteAsync(note.NoteId);
        var fans = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _world.ConnectAsync(NoteWorld.NewUser($"fan{i}"))));

        await Task.WhenAll(fans.Select(f => f.LikeNoteAsync(note.NoteId, true)));
        await fans[0].CollectNoteAsync(note.NoteId, true);
        await fans[1].PostCommentAsync(note.NoteId, "c", "counted too");

        var last = await counters.WaitAsync(c => c is { Likes: 3, Collects: 1, Comments: 1 });
        Assert.Equal(note.NoteId, last.NoteId);
        Assert.All(counters.Items, c => Assert.True(c.Likes <= 3 && c.Collects <= 1 && c.Comments <= 1, c.ToString()));

        await fans[2].LikeNoteAsync(note.NoteId, false);
        await counters.WaitAsync(c => c is { Likes: 2, Collects: 1, Comments: 1 });
    }

    [Fact]
    public async Task LikeCommentReturnsTheCommentsLikesIdempotentlyPerUser()
    {
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var writer = await _world.ConnectAsync(NoteWorld.NewUser("writer"));
        var fan = await _world.ConnectAsync(NoteWorld.NewUser("fan"));
        var other = await _world.ConnectAsync(NoteWorld.NewUser("other"));
        var liked = await writer.PostCommentAsync(note.NoteId, "liked", "like me");
        var plain = await writer.PostCommentAsync(note.NoteId, "plain", "or not");

        Assert.Equal(new CommentCounters(note.NoteId, liked.CommentId, 1), await fan.LikeCommentAsync(note.NoteId, liked.CommentId, true));
        Assert.Equal(new CommentCounters(note.NoteId, liked.CommentId, 1), await fan.LikeCommentAsync(note.NoteId, liked.CommentId, true));
        Assert.Equal(new CommentCounters(note.NoteId, liked.CommentId, 2), await other.LikeCommentAsync(note.NoteId, liked.CommentId, true));
        Assert.Equal(new CommentCounters(note.NoteId, liked.CommentId, 1), await other.LikeCommentAsync(note.NoteId, liked.CommentId, false));
        Assert.Equal(new CommentCounters(note.NoteId, liked.CommentId, 1), await other.LikeCommentAsync(note.NoteId, liked.CommentId, false));
        Assert.Equal(new CommentCounters(note.NoteId, plain.CommentId, 0), await other.LikeCommentAsync(note.NoteId, plain.CommentId, false));

        var snapshot = await fan.WatchNoteAsync(note.NoteId);
        Assert.Equal([1L, 0L], snapshot.Comments.Select(c => c.Likes));
        Assert.Equal(0, snapshot.Likes);
    }

    [Fact]
    public async Task ReactingToAnUnknownNoteOrCommentIsNotFoundAndChangesNothing()
    {
        var scene = await SceneAsync();
        var missing = SiloClients.NewId("missing");
        var fan = scene.Commenter;

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeCommentAsync(scene.NoteId, "c999", true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeCommentAsync(scene.NoteId, "c0", true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeCommentAsync(scene.NoteId, "comment1", true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeCommentAsync(scene.NoteId, "c999", false));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeNoteAsync(missing, true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.CollectNoteAsync(missing, true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.LikeCommentAsync(missing, "c1", true));

        Assert.Equal(scene.Before, await NoteView.ReadAsync(_world, scene.NoteId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => fan.WatchNoteAsync(missing));
        await AssertNextInboxItemIsTheBarrierAsync(scene.AuthorInbox, scene.InboxBefore, fan, scene.NoteId, "after-refusals");
    }

    /// <summary>
    /// A note by an author who watches their inbox, with two comments (c1 by the commenter, c2 by
    /// the author) and one like of c1, and how it reads now.
    /// </summary>
    private async Task<Scene> SceneAsync()
    {
        var author = NoteWorld.NewUser("author");
        var note = await _world.CreateNoteAsync(author);
        var authorClient = await _world.ConnectAsync(author);
        var inbox = InboxProbe.Attach(authorClient);
        var commenterId = NoteWorld.NewUser("fan");
        var commenter = await _world.ConnectAsync(commenterId);
        var first = await commenter.PostCommentAsync(note.NoteId, "one", "first!");
        await authorClient.PostCommentAsync(note.NoteId, "two", "thanks");
        await authorClient.LikeCommentAsync(note.NoteId, first.CommentId, true);
        var inboxBefore = await inbox.UntilAsync(p => p.Items.Any(i => i.CommentId == first.CommentId));
        return new Scene(note.NoteId, commenterId, commenter, inbox, inboxBefore, await NoteView.ReadAsync(_world, note.NoteId));
    }

    /// <summary>
    /// Posts a barrier comment with <paramref name="clientMessageId"/> and shows that the author's
    /// inbox gained exactly its item since <paramref name="before"/>: anything a refused call had
    /// owed the author would have been delivered first. A fresh ack also shows the id was not taken.
    /// </summary>
    private static async Task<CommentAck> AssertNextInboxItemIsTheBarrierAsync(
        InboxProbe authorInbox, InboxPage before, Realtime.Client.RealtimeClient commenter, string noteId, string clientMessageId)
    {
        var barrier = await commenter.PostCommentAsync(noteId, clientMessageId, "barrier");
        Assert.False(barrier.Duplicate);
        var after = await authorInbox.UntilAsync(p => p.Items.Any(i => i.CommentId == barrier.CommentId));
        Assert.Equal(before.Items.Select(i => i.Seq).Append(before.LastSeq + 1), after.Items.Select(i => i.Seq));
        var item = after.Items[^1];
        Assert.Equal((InboxKinds.Comment, barrier.CommentId, before.Unread + 1), (item.Kind, item.CommentId, item.Unread));
        return barrier;
    }

    private static async Task ExpectInvalidAsync(string what, Func<Task> call)
    {
        try
        {
            await HubAssert.FailsWith(ErrorCodes.Invalid, call);
        }
        catch (Exception e) when (e is not Realtime.Client.RealtimeHubException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}");
        }
    }

    private static void AssertFields(RawHubSocket.Completion completion, params string[] fields)
    {
        Assert.Null(completion.Error);
        Assert.Equal(fields.Order(StringComparer.Ordinal), completion.Result!.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private sealed record Scene(string NoteId, string CommenterId, Realtime.Client.RealtimeClient Commenter, InboxProbe AuthorInbox, InboxPage InboxBefore, NoteView Before);
}
