using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// A fresh database file per test, a host over it, and the restart kinds the tests need: an orderly
/// one (every grain deactivated, the host disposed) and a crash (a second host opens the same file
/// while the first is simply abandoned, so nothing it had not yet written reaches storage).
/// </summary>
public abstract class RoomTestBase : IAsyncLifetime
{
    protected const string HostUser = "host-user";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "realtime-grains-tests", Guid.NewGuid().ToString("N"));
    private readonly List<GrainTestHost> _hosts = [];
    private readonly HashSet<string> _watched = new(StringComparer.Ordinal);

    protected FakeClock Clock { get; } = new();

    protected GrainTestHost Host { get; private set; } = null!;

    protected RecordingEventSink Events => Host.Events;

    private string DatabasePath => Path.Combine(_folder, "grains.db");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_folder);
        Host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].DisposeAsync();
            }
            catch (Exception)
            {
                // An abandoned (crashed) host may fail its last writes against newer state: expected.
            }
        }

        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Restarts the silo: orderly (deactivate, dispose) or by crashing (abandon it).</summary>
    protected async Task RestartAsync(bool crash)
    {
        if (!crash)
        {
            await Host.DisposeAsync();
        }

        Host = await StartHostAsync();
    }

    protected IRoomGrain Room(string roomId) => Host.Room(roomId);

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
        await Host.WatchAsync(roomId);
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

    private async Task<GrainTestHost> StartHostAsync()
    {
        var host = await GrainTestHost.StartAsync(DatabasePath, Clock);
        _hosts.Add(host);
        foreach (var roomId in _watched)
        {
            await host.WatchAsync(roomId);
        }

        return host;
    }
}
