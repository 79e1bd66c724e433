using System.Collections.Concurrent;
using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>SIGKILL a silo and start it again on the same data folder.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task EveryAcknowledgedMessageThePinSlowModeAndLikesSurviveAKill()
    {
        await using var silo = await SiloProcess.StartAsync(environment: HighLimits);
        string roomId;
        string epoch;
        var acked = new ConcurrentDictionary<long, string>();
        await using (var clients = new SiloClients(silo))
        {
            roomId = await clients.CreateRoomAsync("host");
            var host = await clients.ConnectAsync("host");
            var counters = new EventLog<RoomCounters>();
            host.OnRoomCounters(counters.Add);
            epoch = (await host.JoinRoomAsync(roomId)).Epoch;
            var pin = await host.SendChatAsync(roomId, "pin-me", "welcome to the stream");
            await host.PinChatAsync(roomId, pin.Seq);
            await host.SetSlowModeAsync(roomId, 30);
            var tapper = await clients.ConnectAsync("tapper");
            for (var i = 0; i < 20; i++)
            {
                await tapper.LikeAsync(roomId, 25);
            }

            await counters.WaitAsync(c => c.Likes == 500);

            // Senders keep going while the silo dies; whatever was acknowledged must come back.
            // The host is exempt from slow mode, so four host connections keep sending.
            var senders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => clients.ConnectAsync("host")));
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = senders.Select((sender, i) => Task.Run(async () =>
            {
                for (var n = 0; ; n++)
                {
                    try
                    {
                        var ack = await sender.SendChatAsync(roomId, $"s{i}-{n}", $"sender {i} line {n}");
                        acked[ack.Seq] = ack.MessageId;
                        if (acked.Count >= 200)
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
            await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(60));
            acked[pin.Seq] = pin.MessageId;
        }

        await silo.RestartAsync();
        await using var after = new SiloClients(silo);
        var viewer = await after.ConnectAsync(null);
        var snapshot = await viewer.JoinRoomAsync(roomId, 0);

        Assert.True(snapshot.Recovered);
        Assert.Equal(epoch, snapshot.Epoch);
        var restored = snapshot.Messages.ToDictionary(m => m.Seq, m => m.MessageId);
        Assert.All(acked, a => Assert.Equal(a.Value, restored.GetValueOrDefault(a.Key)));
        Assert.Equal(snapshot.Messages.Select(m => m.Seq).Order(), snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(1, snapshot.Pinned?.Seq);
        Assert.Equal(30, snapshot.SlowModeSeconds);
        Assert.Equal(500, snapshot.Likes);
    }

    [Fact]
    public async Task AReconnectingClientResumesWithExactlyTheMessagesItMissed()
    {
        await using var silo = await SiloProcess.StartAsync(environment: HighLimits);
        await using var clients = new SiloClients(silo);
        var roomId = await clients.CreateRoomAsync("host");
        var viewer = await clients.ConnectAsync(null, reconnect: new ReconnectPolicy([TimeSpan.FromMilliseconds(200)], TimeSpan.FromMilliseconds(500)));
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        viewer.Reconnected += () =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await viewer.JoinRoomAsync(roomId);
        var before = await clients.ConnectAsync("ann");
        for (var i = 1; i <= 5; i++)
        {
            await before.SendChatAsync(roomId, $"before{i}", $"before {i}");
        }

        await seen.WaitAsync(m => m.Seq == 5);

        await silo.KillAsync();
        await silo.RestartAsync();
        await using var afterRestart = new SiloClients(silo);
        var sender = await afterRestart.ConnectAsync("ann");
        for (var i = 1; i <= 5; i++)
        {
            await sender.SendChatAsync(roomId, $"after{i}", $"after {i}");
        }

        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await sender.SendChatAsync(roomId, "after6", "after 6");
        await seen.WaitAsync(m => m.Seq == 11, TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), seen.Items.Select(m => m.Seq));
    }

    private static Dictionary<string, string> HighLimits => new()
    {
        ["RateLimits__ChatBurst"] = "100000",
        ["RateLimits__ChatPerSecond"] = "100000",
    };
}
