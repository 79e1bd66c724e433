using System.Collections.Concurrent;
using Realtime.Client;
using Realtime.Contracts.Inbox;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>SIGKILL a silo while a note's thread is busy and start it again on the same data folder.</summary>
public sealed class NoteCrashRecoveryTests
{
    /// <summary>
    /// Comments are acknowledged once they and the notifications they owe are durable in the
    /// note's outbox; the outbox is replayed when the note is next activated. So after a kill every
    /// acknowledged comment is in the thread, and every item it owed reaches its recipient exactly once.
    /// </summary>
    [Fact]
    public async Task EveryAcknowledgedCommentAndEveryNotificationItOwedSurviveAKill()
    {
        await using var silo = await SiloProcess.StartAsync(environment: NoteSiloFixture.RaisedLimits);
        var author = NoteWorld.NewUser("author");
        var people = new[] { NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"), NoteWorld.NewUser("cat") };
        var acked = new ConcurrentDictionary<string, Posted>(StringComparer.Ordinal);
        string noteId;
        string epoch;
        await using (var world = new NoteWorld(silo))
        {
            var note = await world.CreateNoteAsync(author, "Crash course", "Hold on.");
            noteId = note.NoteId;
            var authorClient = await world.ConnectAsync(author);
            epoch = (await authorClient.WatchNoteAsync(noteId)).Epoch;
            var clients = await Task.WhenAll(people.Select(p => world.ConnectAsync(p)));
            var (ann, bob, cat) = (clients[0], clients[1], clients[2]);

            // A scripted thread: comments, replies, mentions, and one by the author.
            var c1 = await PostAsync(ann, people[0], noteId, "s1", $"First! @{people[1]} have you been?", null, null);
            var c2 = await PostAsync(bob, people[1], noteId, "s2", "Twice, the broth is the thing", c1.CommentId, people[0]);
            var c3 = await PostAsync(cat, people[2], noteId, "s3", $"@{people[0]} @{author} which branch?", c2.CommentId, people[1]);
            var c4 = await PostAsync(authorClient, author, noteId, "s4", $"The one by the river, @{people[2]}", c3.CommentId, people[2]);
            foreach (var posted in new[] { c1, c2, c3, c4 })
            {
                acked[posted.CommentId] = posted;
            }

            // Then everyone keeps replying and mentioning while the silo dies.
            var parents = new[] { c1, c2, c3, c4 };
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var posting = clients.Select((client, i) => Task.Run(async () =>
            {
                for (var n = 0; ; n++)
                {
                    var parent = parents[n % parents.Length];
                    var mentioned = people[(i + 1 + (n % 2)) % people.Length];
                    try
                    {
                        var posted = await PostAsync(
                            client, people[i], noteId, $"p{i}-{n}", $"line {n} from {i}, @{mentioned}", parent.CommentId, parent.UserId);
                        acked[posted.CommentId] = posted;
                        if (acked.Count >= 80)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception e) when (e is RealtimeConnectionException or RealtimeHubException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                    {
                        return;
                    }
                }
            })).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await silo.KillAsync();
            await Task.WhenAll(posting).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await silo.RestartAsync();
        await using var after = new NoteWorld(silo);
        // Watching activates the note, which replays whatever its outbox still owed.
        var snapshot = await (await after.ConnectAsync(null)).WatchNoteAsync(noteId, 0);

        Assert.True(snapshot.Recovered);
        Assert.Equal(epoch, snapshot.Epoch);
        Assert.Equal(Enumerable.Range(1, (int)snapshot.LastSeq).Select(i => (long)i), snapshot.Comments.Select(c => c.Seq));
        Assert.Equal(snapshot.LastSeq, snapshot.CommentCount);
        var restored = snapshot.Comments.ToDictionary(c => c.CommentId, StringComparer.Ordinal);
        Assert.All(acked.Values, a =>
        {
            Assert.True(restored.TryGetValue(a.CommentId, out var c), $"acknowledged comment {a.CommentId} is missing");
            Assert.Equal((a.Seq, a.UserId, a.Text, a.ReplyToCommentId), (c!.Seq, c.UserId, c.Text, c.ReplyToCommentId));
        });

        var everyone = people.Append(author).ToList();
        foreach (var recipient in everyone)
        {
            var owed = acked.Values
                .Select(a => (Posted: a, Owes: Expected(author, a.UserId, a.Text, a.ParentUserId, everyone)))
                .Where(a => a.Owes.ContainsKey(recipient))
                .Select(a => (a.Owes[recipient], (string?)a.Posted.CommentId))
                .ToList();
            Assert.NotEmpty(owed);
            var inbox = InboxProbe.Attach(await after.ConnectAsync(recipient));
            var page = await inbox.UntilHoldsAsync(owed, TimeSpan.FromSeconds(30));

            // Exactly once each, and nothing that a comment of the thread did not cause.
            Assert.Equal(page.Items.Count, page.Items.Select(i => i.CommentId).Distinct().Count());
            Assert.Equal(page.Items.Select(i => i.Seq).Order(), page.Items.Select(i => i.Seq));
            Assert.All(page.Items, i =>
            {
                Assert.Equal(noteId, i.NoteId);
                var cause = restored[i.CommentId!];
                Assert.Equal(cause.UserId, i.ActorId);
                Assert.NotEqual(recipient, i.ActorId);
                var parentUserId = cause.ReplyToCommentId is { } parent ? restored[parent].UserId : null;
                Assert.Equal(Expected(author, cause.UserId, cause.Text, parentUserId, everyone).GetValueOrDefault(recipient), i.Kind);
            });
            Assert.Equal(page.Items.Count, page.Unread);
        }
    }

    /// <summary>
    /// A like that folds into an unread "liked your note" item is acknowledged like any other
    /// reaction, so a kill right after it must not lose it. The author's own collect is the barrier:
    /// it is answered after the note handed the like to the author's inbox and committed its outbox
    /// without it, so from then on only the inbox can keep that like.
    /// </summary>
    [Fact]
    public async Task ALikeFoldedIntoAnUnreadItemSurvivesAKill()
    {
        await using var silo = await SiloProcess.StartAsync(environment: NoteSiloFixture.RaisedLimits);
        var author = NoteWorld.NewUser("author");
        var first = NoteWorld.NewUser("first");
        var second = NoteWorld.NewUser("second");
        string noteId;
        await using (var world = new NoteWorld(silo))
        {
            noteId = (await world.CreateNoteAsync(author)).NoteId;
            var authorClient = await world.ConnectAsync(author);
            var inbox = InboxProbe.Attach(authorClient);
            await (await world.ConnectAsync(first)).LikeNoteAsync(noteId, true);
            await inbox.Notifications.WaitAsync(i => i.ActorId == first);

            await (await world.ConnectAsync(second)).LikeNoteAsync(noteId, true);
            await authorClient.CollectNoteAsync(noteId, true);
            await silo.KillAsync();
        }

        await silo.RestartAsync();
        await using var after = new NoteWorld(silo);
        var authorAfter = await after.ConnectAsync(author);
        var afterInbox = InboxProbe.Attach(authorAfter);
        var snapshot = await authorAfter.WatchNoteAsync(noteId);
        Assert.Equal((2L, 1L), (snapshot.Likes, snapshot.Collects));

        var page = await afterInbox.UntilAsync(p => p.Items.Any(i => i.Preview.Contains("1 other", StringComparison.Ordinal)));
        var item = Assert.Single(page.Items);
        Assert.Equal((InboxKinds.NoteLike, first, 1L), (item.Kind, item.ActorId, page.Unread));
    }

    private static async Task<Posted> PostAsync(
        RealtimeClient client, string userId, string noteId, string clientMessageId, string text, string? replyTo, string? parentUserId)
    {
        var ack = await client.PostCommentAsync(noteId, clientMessageId, text, replyTo);
        return new Posted(ack.CommentId, ack.Seq, userId, text, replyTo, parentUserId);
    }

    /// <summary>
    /// The contract's rule: the note's author hears of a comment, known mentioned users are
    /// mentioned, the answered comment's author gets a reply; one item each (reply over mention
    /// over comment), and never the commenter.
    /// </summary>
    private static Dictionary<string, string> Expected(string author, string commenter, string text, string? parentUserId, IEnumerable<string> known)
    {
        var knownUsers = known.ToHashSet(StringComparer.Ordinal);
        var owed = new Dictionary<string, string>(StringComparer.Ordinal) { [author] = InboxKinds.Comment };
        foreach (var word in text.Split(' ', ',', '?', '!'))
        {
            if (word.StartsWith('@') && knownUsers.Contains(word[1..]))
            {
                owed[word[1..]] = InboxKinds.Mention;
            }
        }

        if (parentUserId is not null)
        {
            owed[parentUserId] = InboxKinds.Reply;
        }

        owed.Remove(commenter);
        return owed;
    }

    private sealed record Posted(string CommentId, long Seq, string UserId, string Text, string? ReplyToCommentId, string? ParentUserId);
}
