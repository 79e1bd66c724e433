using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realtime.Client.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on a loopback port that accepts WebSockets on <c>/hubs/live</c> and hands each
/// one to the test as a <see cref="ServerPeer"/>; just enough of a hub to script the protocol.
/// </summary>
internal sealed class TestHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ServerPeer> _peers = Channel.CreateUnbounded<ServerPeer>();
    private readonly ConcurrentBag<ServerPeer> _all = [];

    private TestHubServer(Action<WebApplication>? mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/hubs/live", AcceptAsync);
        mapEndpoints?.Invoke(_app);
    }

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<TestHubServer> StartAsync(Action<WebApplication>? mapEndpoints = null)
    {
        var server = new TestHubServer(mapEndpoints);
        await server._app.StartAsync();
        server.BaseUri = new Uri(server._app.Urls.First());
        return server;
    }

    /// <summary>Options for a client of this server; reconnecting is off unless the test turns it on.</summary>
    public RealtimeConnectionOptions Options(
        string? accessToken = null,
        ReconnectPolicy? reconnectPolicy = null,
        TimeSpan? keepAlive = null,
        TimeSpan? serverTimeout = null)
        => new()
        {
            HubUri = RealtimeConnectionOptions.ForServer(BaseUri).HubUri,
            AccessToken = accessToken,
            ReconnectPolicy = reconnectPolicy,
            KeepAliveInterval = keepAlive ?? TimeSpan.FromSeconds(15),
            ServerTimeout = serverTimeout ?? TimeSpan.FromSeconds(30),
        };

    /// <summary>The next client connection.</summary>
    public Task<ServerPeer> AcceptAsync() => _peers.Reader.ReadAsync().Bounded();

    /// <summary>The next client connection, with its handshake accepted.</summary>
    public async Task<ServerPeer> AcceptConnectedAsync()
    {
        var peer = await AcceptAsync();
        await peer.AcceptHandshakeAsync();
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _all)
        {
            peer.Release();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new ServerPeer(context, socket);
        _all.Add(peer);
        _peers.Writer.TryWrite(peer);
        await peer.Finished;
    }
}
