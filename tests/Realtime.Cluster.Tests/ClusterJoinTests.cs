using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests;

public sealed class ClusterJoinTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AFourthSiloJoinsServesEveryRoomAndHostsAShareOfTheRoomsCreatedAfterItJoined()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await cluster.StartSilosAsync(3);
        output.WriteLine($"3 silos active after {clock.Elapsed.TotalSeconds:F1} s");
        await using var clients = new ClusterClients(first[0]);
        var host = await clients.TokenAsync("host");
        var before = Enumerable.Range(0, 6).Select(i => $"before-{i}-{Guid.NewGuid():N}"[..24]).ToList();
        var sender = await clients.ConnectAsync(first[0], "ann");
        foreach (var roomId in before)
        {
            await clients.Rest.CreateRoomAsync(roomId, "Before the join", host);
            await sender.SendChatAsync(roomId, "before", "said before the join");
        }

        var joining = System.Diagnostics.Stopwatch.StartNew();
        var joiner = await cluster.StartSiloAsync();
        output.WriteLine($"the fourth silo was an active member {joining.Elapsed.TotalSeconds:F1} s after it started");
        var joinerPort = ClusterFixture.OrleansPort(joiner);

        // Where a grain runs is Orleans' placement decision, and no product API names a grain's silo.
        // The observable: the Orleans dashboard (an existing, admin-only endpoint) counts activations
        // per grain class per silo, gathered from every member about once a second. Rooms are created
        // only through the three old silos, after the join, and used (a chat line each); once the
        // dashboard accounts for all of them, the joiner must run some: placement sent it a share of
        // the new grains. No grain of ours ran on it before (it started empty), so every room
        // activation it reports is one of them or a room it was asked to serve since.
        var after = new List<string>();
        var counts = (IReadOnlyDictionary<int, int>)new Dictionary<int, int>();
        await ClusterFailoverTests.WaitUntilAsync(
            async () =>
            {
                for (var i = 0; i < 6; i++)
                {
                    var via = first[after.Count % first.Length];
                    var roomId = $"after-{after.Count}-{Guid.NewGuid():N}"[..24];
                    await clients.RestOn(via).CreateRoomAsync(roomId, "After the join", host);

                    await sender.SendChatAsync(roomId, "after", "said after the join");
                    after.Add(roomId);
                }

                counts = await clients.SettledActivationsPerSiloAsync(joiner, "RoomGrain", before.Count + after.Count);
                return counts.GetValueOrDefault(joinerPort) > 0;
            },
            TimeSpan.FromSeconds(60),
            "the joiner hosts none of the rooms created after it joined");
        output.WriteLine($"{after.Count} rooms created after the join ({clock.Elapsed.TotalSeconds:F1} s); room grains per silo (Orleans port): "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}{(c.Key == joinerPort ? " (joiner)" : "")}: {c.Value}")));

        // Every room, old and new, is served through the joiner with its whole history.
        var viewer = await clients.ConnectAsync(joiner, null);
        foreach (var roomId in before)
        {
            var ack = await ClusterFailoverTests.UntilAcknowledgedAsync(() => sender.SendChatAsync(roomId, "after", "said after the join"), () => { });
            var snapshot = await viewer.JoinRoomAsync(roomId, 0);
            Assert.Equal(["said before the join", "said after the join"], snapshot.Messages.Select(m => m.Text));
            Assert.Equal(2, ack.Seq);
        }

        foreach (var roomId in after)
        {
            var snapshot = await viewer.JoinRoomAsync(roomId, 0);
            Assert.Equal(["said after the join"], snapshot.Messages.Select(m => m.Text));
        }
    }
}
