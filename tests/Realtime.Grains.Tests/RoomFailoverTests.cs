using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A room whose silo is killed carries on on another silo of the cluster, from storage.</summary>
public sealed class RoomFailoverTests() : RoomTestBase(shared: null, silos: 3)
{
    [Fact]
    public async Task A_room_whose_silo_is_killed_answers_on_another_silo_with_every_acknowledged_line_and_continues_its_seqs()
    {
        var roomId = await CreateRoomAsync("Moving");
        var acks = await SendManyAsync(roomId, 40);
        var before = await JoinAsync(roomId);
        var killed = await Host.HostOfAsync(Room(roomId));

        await Host.Cluster.KillSiloAsync(Host.Cluster.Silos.Single(s => s.SiloAddress.Equals(killed)));

        // The first calls may meet the dead silo until the cluster declares it dead; callers retry.
        var snapshot = await UntilAnsweredAsync(() => JoinAsync(roomId, sinceSeq: 0));
        Assert.NotEqual(killed, await Host.HostOfAsync(Room(roomId)));
        Assert.True(snapshot.Recovered);
        Assert.Equal(40, snapshot.LastSeq);
        Assert.Equal(acks.Select(a => a.MessageId), snapshot.Messages.Select(m => m.MessageId));
        Assert.Equal((before.Epoch, "Moving", HostUser), (snapshot.Epoch, snapshot.Title, snapshot.HostId));

        // The new activation has no subscribers yet: the relay subscribes again, as a silo's relay renews.
        await Host.SubscribeAsync(Topics.Room(roomId));
        var next = await SendAsync(roomId, "u1", "after-the-move");
        Assert.Equal(41, next.Seq);
        Assert.Equal(next.MessageId, (await ChatEventAsync(roomId, 41)).MessageId);
    }

    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
