using System.Collections.Concurrent;
using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

public sealed class ClusterFailoverTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task KillingTheOwnerWhileMessagesFlowLosesNoAcknowledgedMessageAndViewersResumeElsewhere()
    {
        var silos = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cluster.StartSiloAsync()));
        var victim = silos[2];
        var survivors = silos[..2];
        await using var clients = new ClusterClients(silos[0]);
        var roomId = ClusterClients.RoomOwnedBy(victim, silos);
        await clients.Rest.CreateRoomAsync(roomId, "Failover", await clients.TokenAsync("host"));

        // A viewer on the victim: when its silo dies it connects to a survivor and resumes by seq.
        var seen = new ConcurrentDictionary<long, string>();
        var duplicates = 0;
        var unique = new EventLog<ChatMessage>();
        void Record(ChatMessage m)
        {
            if (!seen.TryAdd(m.Seq, m.MessageId))
            {
                Interlocked.Increment(ref duplicates);
                return;
            }

            unique.Add(m);
        }

        var doomed = await clients.ConnectAsync(victim, null);
        doomed.OnChat(Record);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        doomed.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await doomed.JoinRoomAsync(roomId);
        var steady = await clients.ConnectAsync(survivors[0], null);
        var steadySaw = new EventLog<ChatMessage>();
        steady.OnChat(steadySaw.Add);
        await steady.JoinRoomAsync(roomId);

        var sender = await clients.ConnectAsync(survivors[1], "ann");
        var acked = new ConcurrentDictionary<long, string>();
        var sent = 0;
        async Task SendUntilAckedAsync(int n)
        {
            while (true)
            {
                try
                {
                    var ack = await sender.SendChatAsync(roomId, $"m{n}", $"line {n}");
                    acked[ack.Seq] = ack.MessageId;
                    return;
                }
                catch (RealtimeHubException e) when (e.Code is "unavailable")
                {
                    // The owner is moving; the same clientMessageId makes the retry safe.
                }
            }
        }

        for (; sent < 20; sent++)
        {
            await SendUntilAckedAsync(sent);
        }

        await victim.KillAsync();
        var sending = Task.Run(async () =>
        {
            for (; sent < 60; sent++)
            {
                await SendUntilAckedAsync(sent);
            }
        });

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var resumed = await clients.ConnectAsync(survivors[0], null);
        resumed.OnChat(Record);
        var snapshot = await resumed.JoinRoomAsync(roomId, seen.IsEmpty ? 0 : seen.Keys.Max());
        foreach (var message in snapshot.Messages)
        {
            Record(message);
        }

        await sending.WaitAsync(TimeSpan.FromSeconds(120));
        var last = acked.Keys.Max();
        await steadySaw.WaitAsync(m => m.Seq == last, TimeSpan.FromSeconds(30));
        await unique.WaitAsync(m => m.Seq == last, TimeSpan.FromSeconds(30));

        Assert.Equal(60, acked.Count);
        Assert.All(acked, a => Assert.Equal(a.Value, seen.GetValueOrDefault(a.Key)));
        Assert.Equal(0, duplicates);
        var final = await (await clients.ConnectAsync(survivors[1], null)).JoinRoomAsync(roomId, 0);
        Assert.All(acked, a => Assert.Contains(final.Messages, m => m.Seq == a.Key && m.MessageId == a.Value));
        Assert.Equal(final.Messages.Select(m => m.Seq).Order(), final.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task ASiloThatJoinsTakesOverPartOfTheRoomsAndTheyComeBackFromStorage()
    {
        var first = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => cluster.StartSiloAsync()));
        await using var clients = new ClusterClients(first[0]);
        var host = await clients.TokenAsync("host");
        var rooms = Enumerable.Range(0, 12).Select(i => $"join-{i}-{Guid.NewGuid():N}"[..24]).ToList();
        var sender = await clients.ConnectAsync(first[0], "ann");
        foreach (var roomId in rooms)
        {
            await clients.Rest.CreateRoomAsync(roomId, "Before the join", host);
            await sender.SendChatAsync(roomId, "before", "said before the join");
        }

        var joiner = await cluster.StartSiloAsync();
        var all = first.Append(joiner).ToList();
        var moved = rooms.Where(r => RendezvousOwner(r, all) == ClusterClients.SiloId(joiner)).ToList();
        Assert.NotEmpty(moved);

        var viewer = await clients.ConnectAsync(joiner, null);
        foreach (var roomId in rooms)
        {
            // Retry while the others learn of the joiner (a heartbeat or two).
            var ack = await RetryAsync(() => sender.SendChatAsync(roomId, "after", "said after the join"));
            var snapshot = await viewer.JoinRoomAsync(roomId, 0);
            Assert.Equal(["said before the join", "said after the join"], snapshot.Messages.Select(m => m.Text));
            Assert.Equal(2, ack.Seq);
        }

        using var http = new HttpClient { BaseAddress = joiner.BaseUri };
        var metrics = await http.GetStringAsync("/metrics");
        var activations = long.Parse(metrics.Split('\n').First(l => l.StartsWith("realtime_grain_activations ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(activations >= moved.Count, $"the joiner runs {activations} grains; {moved.Count} rooms moved to it");
    }

    private static string RendezvousOwner(string roomId, IReadOnlyList<SiloProcess> silos) =>
        Realtime.Runtime.Cluster.RendezvousPlacement.Owner(new Realtime.Runtime.Grains.GrainId("room", roomId), silos.Select(ClusterClients.SiloId).ToList());

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RealtimeHubException e) when (e.Code is "unavailable" && attempt < 20)
            {
            }
        }
    }
}
