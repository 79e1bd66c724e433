using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Rooms;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// Room tests on a cluster: shared by the tests of a class (each uses rooms of its own), or owned
/// by one test when it looks at what all rooms share (the directory). Restarts replace the
/// cluster: an orderly one (every grain deactivated, the silos stopped) or a crash (the silos are
/// killed, so nothing they had not yet written reaches storage).
/// </summary>
public abstract class RoomTestBase : IAsyncLifetime
{
    protected const string HostUser = "host-user";

    private readonly ClusterFixture? _owned;
    private readonly HashSet<string> _watched = new(StringComparer.Ordinal);
    private long _likeBatches;

    /// <param name="shared">The class's cluster; null for a cluster of this test's own.</param>
    /// <param name="silos">How many silos a cluster of the test's own has.</param>
    protected RoomTestBase(ClusterFixture? shared, short silos = 1)
    {
        Fixture = shared ?? (_owned = new ClusterFixture { Silos = silos });
    }

    protected ClusterFixture Fixture { get; }

    protected FakeClock Clock => Fixture.Clock;

    protected GrainCluster Host => Fixture.Cluster;

    /// <summary>The events the current cluster delivered to the test's relay.</summary>
    protected EventRecorder Events => Host.Events.All;

    protected IRoomDirectoryGrain Directory => Host.Grains.GetGrain<IRoomDirectoryGrain>(RoomDirectoryGrain.Key);

    public async Task InitializeAsync()
    {
        if (_owned is not null)
        {
            await _owned.InitializeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    /// <summary>Restarts the silos: orderly (deactivate, stop) or by killing them; the test's rooms are watched again.</summary>
    protected async Task RestartAsync(bool crash)
    {
        await Fixture.RestartAsync(crash);
        foreach (var roomId in _watched)
        {
            await Host.SubscribeAsync(Topics.Room(roomId));
        }
    }

    protected IRoomGrain Room(string roomId) => Host.Grains.GetGrain<IRoomGrain>(roomId);

    /// <summary>Creates a room hosted by <see cref="HostUser"/> and watches its events.</summary>
    protected async Task<string> CreateRoomAsync(string title = "Live", string? roomId = null)
    {
        roomId ??= "r-" + Guid.NewGuid().ToString("N")[..10];
        await WatchAsync(roomId);
        await Room(roomId).CreateAsync(new CreateRoomCommand(title, HostUser));
        return roomId;
    }

    protected async Task WatchAsync(string roomId)
    {
        _watched.Add(roomId);
        await Host.SubscribeAsync(Topics.Room(roomId));
    }

    protected Task<ChatAck> SendAsync(string roomId, string userId, string clientMessageId, string? text = null, long? replyToSeq = null) =>
        Room(roomId).SendChatAsync(new SendChatCommand(userId, userId.ToUpperInvariant(), clientMessageId, text ?? $"{userId} says {clientMessageId}", "en", replyToSeq));

    /// <summary>Sends <paramref name="count"/> messages from one user, in concurrent batches; returns the acks by seq.</summary>
    protected async Task<IReadOnlyList<ChatAck>> SendManyAsync(string roomId, int count, string userId = "chatty", int batch = 100)
    {
        var acks = new List<ChatAck>(count);
        for (var start = 0; start < count; start += batch)
        {
            var sends = Enumerable.Range(start, Math.Min(batch, count - start))
                .Select(i => SendAsync(roomId, userId, $"m{i}", $"line {i}"));
            acks.AddRange(await Task.WhenAll(sends));
        }

        return acks.OrderBy(a => a.Seq).ToList();
    }

    /// <summary>Adds likes as one silo's next batch (silos send their batches one after another).</summary>
    protected Task AddLikesAsync(string roomId, long count, string siloId = "silo-a") =>
        Room(roomId).AddLikesAsync(new LikeBatch(siloId, Interlocked.Increment(ref _likeBatches), count));

    protected Task<RoomSnapshot> JoinAsync(string roomId, long? sinceSeq = null, string siloId = "silo-a", int siloViewers = 1) =>
        Room(roomId).JoinAsync(new JoinRoomCommand(siloId, siloViewers, sinceSeq, null));

    /// <summary>Awaits the chat event of <paramref name="seq"/>.</summary>
    protected Task<ChatMessage> ChatEventAsync(string roomId, long seq) =>
        Events.WaitForAsync<ChatMessage>(HubEvents.Chat, m => m.RoomId == roomId && m.Seq == seq, $"seq {seq} in {roomId}");

    protected Task<RoomCounters> CountersAsync(string roomId, Func<RoomCounters, bool> where, string what, int after = 0) =>
        Events.WaitForAsync(HubEvents.RoomCounters, (RoomCounters c) => c.RoomId == roomId && where(c), what, after);

    protected static async Task<RealtimeException> RefusedAsync(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RealtimeException>(call);
        Assert.Equal(code, e.Code);
        return e;
    }
}
