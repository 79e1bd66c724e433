using System.Collections.Concurrent;
using System.Diagnostics;
using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests;

public sealed class ClusterFailoverTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan ResumeBudget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SigkillOfOneOfThreeSilosDuringABurstLosesNothingAcknowledgedAndViewersResumeElsewhereWithin10Seconds()
    {
        var clock = Stopwatch.StartNew();
        var silos = await cluster.StartSilosAsync(3);
        output.WriteLine($"3 silos active after {clock.Elapsed.TotalSeconds:F1} s");
        var victim = silos[2];
        var survivors = silos[..2];
        await using var clients = new ClusterClients(survivors[0]);
        var victimRest = clients.RestOn(victim);

        // Rooms and notes created through the victim until it hosts at least one room grain and one
        // note thread grain (placement decides; the dashboard tells where they went), so the kill
        // moves grains that are being written to, not only connections.
        var host = await clients.TokenAsync("host");
        var author = await clients.TokenAsync("author");
        var rooms = new List<string>();
        var notes = new List<string>();
        await WaitUntilAsync(
            async () =>
            {
                for (var i = 0; i < 3; i++)
                {
                    var roomId = $"fail-{Guid.NewGuid():N}"[..20];
                    await victimRest.CreateRoomAsync(roomId, "Failover", host);
                    rooms.Add(roomId);
                    notes.Add((await victimRest.CreateNoteAsync("Failover", "a note", author)).NoteId);
                }

                return await HostsAsync(clients, victim, "RoomGrain", rooms.Count) && await HostsAsync(clients, victim, "NoteThreadGrain", notes.Count);
            },
            TimeSpan.FromSeconds(30),
            "the victim silo never hosted a room and a note thread");

        output.WriteLine($"{rooms.Count} rooms and notes, some on the victim, after {clock.Elapsed.TotalSeconds:F1} s");

        // Viewers that reach the cluster through a balancer preferring the victim: they start on it
        // and, when it dies, reconnect to a survivor and resume by seq. A steady viewer per room on a survivor.
        await using var balancer = new LoopbackBalancer(victim, survivors[0], survivors[1]);
        var fast = new ReconnectPolicy([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], TimeSpan.FromSeconds(1));
        var doomed = new List<(RealtimeClient Client, Dictionary<string, SeqLog> Logs, TaskCompletionSource<TimeSpan> Resumed)>();
        var killedAt = new Stopwatch();
        for (var v = 0; v < 3; v++)
        {
            var viewer = await clients.ConnectAsync(balancer.BaseUri, null, fast);
            var logs = rooms.ToDictionary(r => r, _ => new SeqLog());
            viewer.OnChat(m => logs[m.RoomId].Add(m));
            var resumed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            viewer.Reconnected += () =>
            {
                resumed.TrySetResult(killedAt.Elapsed);
                return Task.CompletedTask;
            };
            viewer.RoomRejoinFailed += (roomId, e) =>
            {
                resumed.TrySetException(new InvalidOperationException($"re-joining {roomId} failed", e));
                return Task.CompletedTask;
            };
            foreach (var roomId in rooms)
            {
                await viewer.JoinRoomAsync(roomId);
            }

            doomed.Add((viewer, logs, resumed));
        }

        var steady = await clients.ConnectAsync(survivors[0], null);
        var steadyLogs = rooms.ToDictionary(r => r, _ => new SeqLog());
        steady.OnChat(m => steadyLogs[m.RoomId].Add(m));
        foreach (var roomId in rooms)
        {
            await steady.JoinRoomAsync(roomId);
        }

        // The burst: chat lines into every room and comments on every note, from survivors, each retried
        // with the same client id until acknowledged.
        var chatter = await clients.ConnectAsync(survivors[1], "ann");
        var commenter = await clients.ConnectAsync(survivors[0], "bob");
        var messenger = await clients.ConnectAsync(survivors[0], "carol");
        var recipients = Enumerable.Range(0, 6).Select(i => $"dm-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var recipient in recipients)
        {
            await clients.TokenAsync(recipient);
        }

        var directAcked = new ConcurrentDictionary<(string ConversationId, long Seq), string>();
        var directAttempted = 0;
        var acked = new ConcurrentDictionary<(string RoomId, long Seq), string>();
        var comments = new ConcurrentDictionary<(string NoteId, string CommentId), long>();
        var refusals = 0;
        var attempted = 0;
        var commentsAttempted = 0;

        // Each writer goes on until its room or note has at least 20 items and the victim has been dead
        // for 5 s: the burst spans the kill, the failover and the time after it.
        bool Done(int n) => n >= 20 && killedAt.Elapsed > TimeSpan.FromSeconds(5);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = Task.WhenAll(
            Task.WhenAll(rooms.Select(roomId => Task.Run(async () =>
            {
                for (var n = 0; !Done(n); n++)
                {
                    Interlocked.Increment(ref attempted);
                    var ack = await UntilAcknowledgedAsync(() => chatter.SendChatAsync(roomId, $"m{n}", $"line {n}"), () => Interlocked.Increment(ref refusals));
                    acked[(roomId, ack.Seq)] = ack.MessageId;
                    if (acked.Count >= rooms.Count * 10)
                    {
                        started.TrySetResult();
                    }
                }
            }))),
            Task.WhenAll(notes.Select(noteId => Task.Run(async () =>
            {
                for (var n = 0; !Done(n); n++)
                {
                    Interlocked.Increment(ref commentsAttempted);
                    var ack = await UntilAcknowledgedAsync(() => commenter.PostCommentAsync(noteId, $"c{n}", $"comment {n}"), () => Interlocked.Increment(ref refusals));
                    comments[(noteId, ack.CommentId)] = ack.Seq;
                }
            }))),
            Task.WhenAll(recipients.Select(recipient => Task.Run(async () =>
            {
                for (var n = 0; !Done(n); n++)
                {
                    Interlocked.Increment(ref directAttempted);
                    var ack = await UntilAcknowledgedAsync(() => messenger.SendDirectMessageAsync(recipient, $"d{n}", $"message {n}"), () => Interlocked.Increment(ref refusals));
                    directAcked[(ack.ConversationId, ack.Seq)] = ack.MessageId;
                }
            }))));

        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        killedAt.Start();
        await victim.KillAsync();
        output.WriteLine($"killed the victim after {acked.Count} acknowledged lines and {comments.Count} comments");

        var resumedAfter = await Task.WhenAll(doomed.Select(d => d.Resumed.Task.WaitAsync(TimeSpan.FromSeconds(30))));
        output.WriteLine($"viewers resumed on survivors {string.Join(", ", resumedAfter.Select(t => $"{t.TotalSeconds:F2} s"))} after the SIGKILL");
        await burst.WaitAsync(TimeSpan.FromSeconds(90));
        output.WriteLine($"burst done {killedAt.Elapsed.TotalSeconds:F2} s after the SIGKILL: {acked.Count} lines, {comments.Count} comments; {refusals} calls answered unavailable and were retried");
        Assert.All(resumedAfter, t => Assert.True(t < ResumeBudget, $"a viewer resumed {t.TotalSeconds:F2} s after the SIGKILL"));

        // Every acknowledged line reaches every viewer, once, in seq order, and is in the room's history.
        Assert.Equal(attempted, acked.Count);
        foreach (var roomId in rooms)
        {
            var expected = acked.Keys.Where(k => k.RoomId == roomId).Select(k => k.Seq).Order().ToList();
            foreach (var logs in doomed.Select(d => d.Logs).Append(steadyLogs))
            {
                await logs[roomId].WaitForAsync(expected[^1], TimeSpan.FromSeconds(30));
                logs[roomId].AssertOrderedWithoutDuplicates();
                Assert.Empty(expected.Except(logs[roomId].Seqs));
            }

            // Exactly the acknowledged lines: a retried line never became a second one.
            var history = await steady.JoinRoomAsync(roomId, 0);
            Assert.Equal(expected, history.Messages.Select(m => m.Seq));
            Assert.All(expected, seq => Assert.Contains(history.Messages, m => m.Seq == seq && m.MessageId == acked[(roomId, seq)]));
        }

        // Every acknowledged comment is in its thread, and its author's notification in her inbox.
        Assert.Equal(commentsAttempted, comments.Count);
        foreach (var noteId in notes)
        {
            var thread = await commenter.WatchNoteAsync(noteId, 0);
            var acknowledged = comments.Where(c => c.Key.NoteId == noteId).ToList();
            Assert.Equal(acknowledged.Select(c => c.Key.CommentId).Order(StringComparer.Ordinal), thread.Comments.Select(t => t.CommentId).Order(StringComparer.Ordinal));
            Assert.All(acknowledged, c => Assert.Contains(thread.Comments, t => t.CommentId == c.Key.CommentId && t.Seq == c.Value));
        }

        // Every acknowledged direct message is in its conversation, exactly once, and its recipient's
        // conversation list caught up with it (the mailbox updates are retried from the conversation's outbox).
        Assert.Equal(directAttempted, directAcked.Count);
        foreach (var recipient in recipients)
        {
            var reader = await clients.ConnectAsync(survivors[1], recipient);
            var conversationId = Realtime.Contracts.Direct.ConversationIds.For("carol", recipient);
            var expected = directAcked.Keys.Where(k => k.ConversationId == conversationId).Select(k => k.Seq).Order().ToList();
            var page = await UntilAcknowledgedAsync(() => reader.GetDirectMessagesAsync(conversationId, 0, 200), () => { });
            Assert.Equal(expected, page.Messages.Select(m => m.Seq));
            Assert.All(page.Messages, m => Assert.Equal(directAcked[(conversationId, m.Seq)], m.MessageId));
            await WaitUntilAsync(
                async () => (await reader.GetConversationsAsync()).SingleOrDefault() is { } entry && entry.LastMessage?.Seq == expected[^1] && entry.Unread == expected.Count,
                TimeSpan.FromSeconds(30),
                $"{recipient}'s conversation list never caught up with the acknowledged messages");
        }

        var inbox = await clients.ConnectAsync(survivors[1], "author");
        await WaitUntilAsync(
            async () =>
            {
                var items = new List<Realtime.Contracts.Inbox.InboxItem>();
                for (long since = 0; ;)
                {
                    var page = await UntilAcknowledgedAsync(() => inbox.GetInboxAsync(since, 200), () => { });
                    items.AddRange(page.Items);
                    if (page.Items.Count == 0 || page.Items[^1].Seq >= page.LastSeq)
                    {
                        break;
                    }

                    since = page.Items[^1].Seq;
                }

                return comments.Keys.All(c => items.Any(i => i.NoteId == c.NoteId && i.CommentId == c.CommentId));
            },
            TimeSpan.FromSeconds(30),
            "not every acknowledged comment notified the note's author");
    }

    /// <summary>Retries a write answered <c>unavailable</c> (its grain is moving) with the same client id, which makes it safe.</summary>
    internal static async Task<T> UntilAcknowledgedAsync<T>(Func<Task<T>> call, Action onRefused)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RealtimeHubException e) when (e.Code is "unavailable" && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                onRefused();
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Polls a condition until it holds, failing with <paramref name="failure"/> at the deadline.</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < timeout, failure);
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Whether <paramref name="silo"/> runs at least one activation of <paramref name="grainClass"/>, once
    /// the dashboard accounts for all <paramref name="expected"/> activations (its figures lag a second).
    /// </summary>
    private static async Task<bool> HostsAsync(ClusterClients clients, SiloProcess silo, string grainClass, int expected) =>
        (await clients.SettledActivationsPerSiloAsync(silo, grainClass, expected)).GetValueOrDefault(ClusterFixture.OrleansPort(silo)) > 0;

    /// <summary>The chat seqs one viewer received in one room, in arrival order.</summary>
    private sealed class SeqLog
    {
        private readonly EventLog<ChatMessage> _log = new();

        public IReadOnlyList<long> Seqs => _log.Items.Select(m => m.Seq).ToList();

        public void Add(ChatMessage message) => _log.Add(message);

        public Task WaitForAsync(long seq, TimeSpan timeout) => _log.WaitAsync(m => m.Seq == seq, timeout);

        public void AssertOrderedWithoutDuplicates()
        {
            var seqs = Seqs;
            for (var i = 1; i < seqs.Count; i++)
            {
                Assert.True(seqs[i] > seqs[i - 1], $"seq {seqs[i]} arrived after {seqs[i - 1]}");
            }
        }
    }
}
