using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

public sealed class BusOutageTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task WhenRabbitMqRestartsWritesFailClearlyThenTheSilosCarryOnWithNothingAcknowledgedLost()
    {
        var silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => cluster.StartSiloAsync()));
        await using var clients = new ClusterClients(silos[0]);
        var roomId = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await clients.Rest.CreateRoomAsync(roomId, "Bus outage", await clients.TokenAsync("host"));
        var viewer = await clients.ConnectAsync(silos[0], null);
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var sender = await clients.ConnectAsync(silos[1], "ann");
        var acked = new List<ChatAck>();
        for (var i = 0; i < 5; i++)
        {
            acked.Add(await sender.SendChatAsync(roomId, $"before{i}", $"before {i}"));
        }

        await ScriptRunner.RunAsync("rabbitmq.sh", "stop", TimeSpan.FromMinutes(1));
        RealtimeHubException? refused = null;
        try
        {
            for (var i = 0; i < 50 && refused is null; i++)
            {
                try
                {
                    acked.Add(await sender.SendChatAsync(roomId, $"during{i}", $"during {i}"));
                }
                catch (RealtimeHubException e)
                {
                    refused = e;
                }
            }
        }
        finally
        {
            await ScriptRunner.RunAsync("rabbitmq.sh", "start", TimeSpan.FromMinutes(2));
        }

        Assert.NotNull(refused);
        Assert.Equal("unavailable", refused.Code);

        ChatAck? after = null;
        for (var attempt = 0; after is null; attempt++)
        {
            try
            {
                after = await sender.SendChatAsync(roomId, "after", "after the restart");
            }
            catch (RealtimeHubException e) when (e.Code == "unavailable" && attempt < 120)
            {
                // The silos reconnect on their own within seconds; keep the same clientMessageId.
                await Task.Delay(500);
            }
        }

        acked.Add(after);
        var late = await clients.ConnectAsync(silos[0], null);
        var lateSeen = new EventLog<ChatMessage>();
        late.OnChat(lateSeen.Add);
        await late.JoinRoomAsync(roomId);
        var last = await sender.SendChatAsync(roomId, "last", "events flow again");
        await lateSeen.WaitAsync(m => m.Seq == last.Seq, TimeSpan.FromSeconds(30));

        var history = await late.JoinRoomAsync(roomId, 0);
        Assert.All(acked, a => Assert.Contains(history.Messages, m => m.Seq == a.Seq && m.MessageId == a.MessageId));
    }
}
