using Realtime.Client;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>Tokens, rooms and connected clients against one real silo; disposes what it made.</summary>
public sealed class SiloClients(SiloProcess silo) : IAsyncDisposable
{
    private readonly List<RealtimeClient> _clients = [];

    public HttpClient Http { get; } = new() { BaseAddress = silo.BaseUri };

    public RealtimeRestClient Rest => new(Http);

    /// <summary>A fresh id, so tests sharing a silo never meet.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public Task<string> TokenAsync(string userId, string? displayName = null, string? language = null) =>
        Rest.GetDevTokenAsync(userId, displayName ?? userId, language);

    /// <summary>A connected client for a user (null: anonymous).</summary>
    public async Task<RealtimeClient> ConnectAsync(string? userId, string? language = null, ReconnectPolicy? reconnect = null)
    {
        var token = userId is null ? null : await TokenAsync(userId, language: language);
        var options = RealtimeConnectionOptions.ForServer(silo.BaseUri, token);
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = options.HubUri,
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

    /// <summary>Creates a room hosted by <paramref name="hostId"/>; returns its id.</summary>
    public async Task<string> CreateRoomAsync(string hostId, string title = "Live now")
    {
        var roomId = NewId("room");
        await Rest.CreateRoomAsync(roomId, title, await TokenAsync(hostId));
        return roomId;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        Http.Dispose();
    }
}
