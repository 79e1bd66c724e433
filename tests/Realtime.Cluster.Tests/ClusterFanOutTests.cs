using Realtime.Contracts.Rooms;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>Three silos of one Orleans cluster share one set of rooms: both tests run on the same three silos.</summary>
public sealed class ClusterFanOutTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task ViewersSpreadOverThreeSilosReceiveEveryMessageInOrder()
    {
        var silos = await cluster.StartSilosAsync(3);
        await using var clients = new ClusterClients(silos[0]);
        var roomId = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Rest.CreateRoomAsync(roomId, "Across silos", await clients.TokenAsync("host"));
        var logs = new List<EventLog<ChatMessage>>();
        foreach (var silo in silos)
        {
            for (var i = 0; i < 3; i++)
            {
                var viewer = await clients.ConnectAsync(silo, null);
                var log = new EventLog<ChatMessage>();
                viewer.OnChat(log.Add);
                await viewer.JoinRoomAsync(roomId);
                logs.Add(log);
            }
        }

        // A sender on every silo, all at once: the room orders their lines into one seq.
        var senders = await Task.WhenAll(silos.Select((silo, i) => clients.ConnectAsync(silo, $"sender{i}")));
        var acks = (await Task.WhenAll(senders.Select(async (sender, s) =>
        {
            var mine = new List<ChatAck>();
            for (var i = 0; i < 15; i++)
            {
                mine.Add(await sender.SendChatAsync(roomId, $"s{s}m{i}", $"line {i} from silo {s}"));
            }

            return mine;
        }))).SelectMany(a => a).OrderBy(a => a.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), acks.Select(a => a.Seq));

        foreach (var log in logs)
        {
            await log.WaitAsync(m => m.Seq == acks[^1].Seq, TimeSpan.FromSeconds(30));
            Assert.Equal(acks.Select(a => (a.Seq, a.MessageId)), log.Items.Select(m => (m.Seq, m.MessageId)));
        }
    }

    [Fact]
    public async Task ViewerCountsAndLikesAreExactAcrossSilos()
    {
        var silos = await cluster.StartSilosAsync(3);
        await using var clients = new ClusterClients(silos[0]);
        var roomId = "counts-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Rest.CreateRoomAsync(roomId, "Counting", await clients.TokenAsync("host"));
        var watcher = await clients.ConnectAsync(silos[2], null);
        var counters = new EventLog<RoomCounters>();
        watcher.OnRoomCounters(counters.Add);
        await watcher.JoinRoomAsync(roomId);
        var perSilo = new[] { 2, 3, 4 };
        for (var s = 0; s < silos.Length; s++)
        {
            for (var i = 0; i < perSilo[s]; i++)
            {
                await (await clients.ConnectAsync(silos[s], null)).JoinRoomAsync(roomId);
            }
        }

        var tappers = await Task.WhenAll(silos.Select((silo, i) => clients.ConnectAsync(silo, $"tapper{i}")));
        await Task.WhenAll(tappers.Select(async t =>
        {
            for (var i = 0; i < 20; i++)
            {
                await t.LikeAsync(roomId, 10);
            }
        }));

        await counters.WaitAsync(c => c.Viewers == 1 + perSilo.Sum() && c.Likes == 600, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(counters.Items, c => c.Likes > 600 || c.Viewers > 1 + perSilo.Sum());
    }
}
