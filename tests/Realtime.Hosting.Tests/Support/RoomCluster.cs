using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Realtime.Contracts.Rooms;
using Realtime.Grains;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Storage;
using Realtime.Storage.Orleans;
using Realtime.Storage.Sqlite;

namespace Realtime.Hosting.Tests.Support;

/// <summary>One Orleans silo in process with the domain's grains on a temporary SQLite file, and a room with chat lines in it.</summary>
public sealed class RoomCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "realtime-relay-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster? _cluster;
    private SqliteGrainStorage? _store;

    public IGrainFactory Grains => _cluster?.Client ?? throw new InvalidOperationException("not started");

    public string RoomId { get; } = "relay-room";

    /// <summary>The lines in the room, seq 1 to <see cref="Lines"/>.</summary>
    public int Lines => 6;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = $"Data Source={Path.Combine(_folder, "realtime.db")}";
        _store = new SqliteGrainStorage(connectionString);
        await _store.InitializeAsync();
        var store = _store;
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(GrainStorageNames.Default, o =>
            {
                o.Invariant = OrleansStorageNames.SqliteInvariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
            silo.Services.AddRealtimeGrains();
            silo.Services.AddSingleton<IRealtimeStore>(store);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        var room = Grains.GetGrain<IRoomGrain>(RoomId);
        await room.CreateAsync(new CreateRoomCommand("Relay", "host"));
        for (var i = 1; i <= Lines; i++)
        {
            await room.SendChatAsync(new SendChatCommand("host", "Host", "m" + i, "line " + i, "en", null));
        }
    }

    /// <summary>A chat event as the room publishes it, for seq <paramref name="seq"/> (the text tells a filled line from a sent one).</summary>
    public Grains.Events.GrainEvent Chat(long seq, string text = "sent") =>
        new(Topics.Room(RoomId), Contracts.Hub.HubEvents.Chat, new ChatMessage(RoomId, seq, "id" + seq, "host", "Host", text, "en", null, DateTimeOffset.UnixEpoch, null));

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
