using System.Diagnostics;
using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests;

/// <summary>A cluster on a PostgreSQL server of its own, which the test stops and starts again.</summary>
public sealed class RestartablePostgresClusterFixture : ClusterFixture
{
    public PrivatePostgres? Postgres { get; private set; }

    protected override async Task<string> StartPostgresAsync()
    {
        Postgres = await PrivatePostgres.StartAsync();
        return Postgres.ConnectionString;
    }

    protected override async Task StopPostgresAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

public sealed class PostgresRestartTests(RestartablePostgresClusterFixture cluster, ITestOutputHelper output) : IClassFixture<RestartablePostgresClusterFixture>
{
    [Fact]
    public async Task WhilePostgresIsDownWritesAnswerUnavailableThenTheClusterCarriesOnWithNothingAcknowledgedLost()
    {
        var silos = await cluster.StartSilosAsync(2);
        var postgres = cluster.Postgres!;
        await using var clients = new ClusterClients(silos[0]);
        var roomId = "pg-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Rest.CreateRoomAsync(roomId, "Database restart", await clients.TokenAsync("host"));
        var note = await clients.Rest.CreateNoteAsync("Database restart", "a note", await clients.TokenAsync("author"));
        var viewer = await clients.ConnectAsync(silos[0], null);
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var sender = await clients.ConnectAsync(silos[1], "ann");
        var acked = new List<ChatAck>();
        var comments = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            acked.Add(await sender.SendChatAsync(roomId, $"before{i}", $"before {i}"));
            comments.Add((await sender.PostCommentAsync(note.NoteId, $"before{i}", $"before {i}")).CommentId);
        }

        await postgres.StopServerAsync();
        var down = Stopwatch.StartNew();
        try
        {
            await WhileDownAsync();
        }
        finally
        {
            await postgres.StartServerAsync();
        }

        var up = Stopwatch.StartNew();
        output.WriteLine($"PostgreSQL was down {down.Elapsed.TotalSeconds:F2} s");

        // Then the cluster carries on by itself: the first write after the restart is retried (same
        // client id) only while it still answers "unavailable".
        var retries = 0;
        var after = await ClusterFailoverTests.UntilAcknowledgedAsync(() => sender.SendChatAsync(roomId, "after", "after the restart"), () => retries++);
        output.WriteLine($"writes answered unavailable for {up.Elapsed.TotalSeconds:F2} s after PostgreSQL was back ({retries} retries); {down.Elapsed.TotalSeconds:F2} s in all");
        acked.Add(after);
        comments.Add((await ClusterFailoverTests.UntilAcknowledgedAsync(() => sender.PostCommentAsync(note.NoteId, "after", "after the restart"), () => { })).CommentId);
        for (var i = 0; i < 5; i++)
        {
            acked.Add(await sender.SendChatAsync(roomId, $"later{i}", $"later {i}"));
        }

        // Live delivery carries on on the other silo, in order, and the history holds every acknowledged line.
        await seen.WaitAsync(m => m.Seq == acked[^1].Seq, TimeSpan.FromSeconds(30));
        Assert.Equal(acked.Select(a => a.Seq).Order(), seen.Items.Select(m => m.Seq).Where(s => acked.Any(a => a.Seq == s)));
        Assert.Equal(seen.Items.Select(m => m.Seq).Order(), seen.Items.Select(m => m.Seq));
        var history = await (await clients.ConnectAsync(silos[0], null)).JoinRoomAsync(roomId, 0);
        Assert.All(acked, a => Assert.Contains(history.Messages, m => m.Seq == a.Seq && m.MessageId == a.MessageId));
        var thread = await viewer.WatchNoteAsync(note.NoteId, 0);
        Assert.All(comments, id => Assert.Contains(thread.Comments, c => c.CommentId == id));

        async Task WhileDownAsync()
        {
            // While it is down every write is refused, quickly and with "unavailable:" (none hangs, none
            // is acknowledged: an acknowledgement means the line is durable). Ten chat lines and ten comments.
            var refusals = new List<RealtimeHubException>();
            var slowest = TimeSpan.Zero;
            for (var i = 0; i < 10; i++)
            {
                foreach (var write in new Func<Task>[]
                {
                    () => sender.SendChatAsync(roomId, $"during{i}", $"during {i}"),
                    () => sender.PostCommentAsync(note.NoteId, $"during{i}", $"during {i}"),
                })
                {
                    var call = Stopwatch.StartNew();
                    var refused = await Assert.ThrowsAsync<RealtimeHubException>(() => write().WaitAsync(TimeSpan.FromSeconds(30)));
                    slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, call.Elapsed.Ticks));
                    refusals.Add(refused);
                }
            }

            output.WriteLine($"{refusals.Count} writes refused while PostgreSQL was down, the slowest refusal took {slowest.TotalMilliseconds:F0} ms");

            // The hub's error is "code: detail"; SignalR puts its own prefix before it (the client strips it into Code and Detail).
            Assert.All(refusals, e => Assert.True(e.Code == "unavailable" && e.Message.Contains("HubException: unavailable:", StringComparison.Ordinal), e.Message));
            output.WriteLine("refusals: " + string.Join(" | ", refusals.Select(e => e.Detail).Distinct()));
        }
    }
}
