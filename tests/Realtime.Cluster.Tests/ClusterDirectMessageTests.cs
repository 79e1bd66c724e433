using Realtime.Contracts.Direct;
using Realtime.Contracts.Moderation;
using Realtime.Contracts.Rooms;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>Direct messages and moderation across three silos of one cluster.</summary>
public sealed class ClusterDirectMessageTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task DirectMessagesBetweenUsersOnDifferentSilosArriveOnceInOrderOnEveryConnection()
    {
        var silos = await cluster.StartSilosAsync(3);
        await using var clients = new ClusterClients(silos[0]);
        var (ann, bob) = ("ann-" + Guid.NewGuid().ToString("N")[..6], "bob-" + Guid.NewGuid().ToString("N")[..6]);
        var annHere = await clients.ConnectAsync(silos[0], ann);
        var annThere = await clients.ConnectAsync(silos[2], ann);
        var bobClient = await clients.ConnectAsync(silos[1], bob);
        var (onBob, onAnnThere) = (new EventLog<DirectMessage>(), new EventLog<DirectMessage>());
        bobClient.OnDirectMessage(onBob.Add);
        annThere.OnDirectMessage(onAnnThere.Add);

        // A connection's first call is served once the silo follows its user's messages.
        await bobClient.GetConversationsAsync();
        await annThere.GetConversationsAsync();

        var acks = new List<DirectAck>();
        for (var i = 0; i < 20; i++)
        {
            acks.Add(await (i % 2 == 0 ? annHere : annThere).SendDirectMessageAsync(bob, "m" + i, "line " + i));
        }

        var reply = await bobClient.SendDirectMessageAsync(ann, "r", "got them all");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), acks.Select(a => a.Seq));
        Assert.Equal(21, reply.Seq);
        foreach (var log in new[] { onBob, onAnnThere })
        {
            await log.WaitAsync(m => m.Seq == 21, TimeSpan.FromSeconds(30));
            Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), log.Items.Select(m => m.Seq));
        }

        var list = await bobClient.GetConversationsAsync();
        Assert.Equal((ann, 20L), (list.Single().OtherUserId, list.Single().Unread));
    }

    [Fact]
    public async Task ATermSetOnOneSiloHoldsLinesOnAnotherAndADecisionOnAThirdReleasesThem()
    {
        var silos = await cluster.StartSilosAsync(3);
        await using var clients = new ClusterClients(silos[0]);
        var admin = await clients.TokenAsync(ClusterClients.Operator);
        var term = "flashdeal" + Guid.NewGuid().ToString("N")[..6];
        await clients.Rest.PutModerationTermsAsync([new ModerationTerm("en", term, TermActions.Review)], admin);
        var roomId = "held-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Rest.CreateRoomAsync(roomId, "Held lines", await clients.TokenAsync("host"));
        var viewer = await clients.ConnectAsync(silos[1], null);
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var writer = await clients.ConnectAsync(silos[2], "writer");

        // The other silos take the new lists within their sync interval (2 s): until then a line passes.
        var held = await Until(async attempt => await writer.SendChatAsync(roomId, "w" + attempt, $"{term} at 8pm") is { Held: true } ack ? ack : null);
        var entry = (await clients.Rest.GetReviewQueueAsync(admin)).Single(i => i.TargetId == $"{roomId}:{held.Seq}");
        await clients.RestOn(silos[1]).DecideAsync(entry.Id, approve: true, admin);

        var released = await seen.WaitAsync(m => m.MessageId == held.MessageId, TimeSpan.FromSeconds(30));
        Assert.True(released.Seq > held.Seq);
    }

    private static async Task<T> Until<T>(Func<int, Task<T?>> attempt)
        where T : class
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var i = 0; ; i++)
        {
            if (await attempt(i) is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, "the silo never applied the new term lists");
            await timer.WaitForNextTickAsync();
        }
    }
}
