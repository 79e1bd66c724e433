using Realtime.Client;
using Realtime.Runtime.Cluster;
using Realtime.Runtime.Grains;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>Clients of a cluster: tokens, rooms and connections to a chosen silo.</summary>
public sealed class ClusterClients : IAsyncDisposable
{
    private readonly List<RealtimeClient> _clients = [];
    private readonly HttpClient _http;

    public ClusterClients(SiloProcess anySilo) => _http = new HttpClient { BaseAddress = anySilo.BaseUri };

    public RealtimeRestClient Rest => new(_http);

    /// <summary>The silo id a silo process runs under (machine name and port).</summary>
    public static string SiloId(SiloProcess silo) => Environment.MachineName + "-" + silo.Port;

    /// <summary>A room id whose grain the given silo owns among <paramref name="live"/>.</summary>
    public static string RoomOwnedBy(SiloProcess owner, IReadOnlyList<SiloProcess> live)
    {
        var ids = live.Select(SiloId).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; ; i++)
        {
            var roomId = $"room-{Guid.NewGuid():N}"[..20];
            if (RendezvousPlacement.Owner(new GrainId("room", roomId), ids) == SiloId(owner))
            {
                return roomId;
            }
        }
    }

    public Task<string> TokenAsync(string userId) => Rest.GetDevTokenAsync(userId, userId);

    public async Task<RealtimeClient> ConnectAsync(SiloProcess silo, string? userId, ReconnectPolicy? reconnect = null)
    {
        var token = userId is null ? null : await TokenAsync(userId);
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(silo.BaseUri).HubUri,
            AccessToken = token,
            ReconnectPolicy = reconnect,
        });
        await client.ConnectAsync();
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _http.Dispose();
    }
}
