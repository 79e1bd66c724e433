using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Client.Tests.Infrastructure;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Tests;

/// <summary>The client against ASP.NET Core's own SignalR server over WebSockets without negotiation.</summary>
public sealed class SignalRServerConformanceTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _baseUri = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR(options => options.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
        _app = builder.Build();
        _app.MapHub<ConformanceHub>("/hubs/live");
        await _app.StartAsync();
        _baseUri = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task InvocationsResultsAndTheAccessTokenReachARealHub()
    {
        await using var connection = new RealtimeConnection(RealtimeConnectionOptions.ForServer(_baseUri, "a.b.c"));
        await connection.ConnectAsync().Bounded();

        var ack = await connection.InvokeAsync<ChatAck>("SendChat", ["r1", "c1", "hello", null]).Bounded();
        var withReply = await connection.InvokeAsync<ChatAck>("SendChat", ["r1", "c2", "hi", 42L]).Bounded();
        var token = await connection.InvokeAsync<string>("AccessToken", []).Bounded();

        Assert.Equal(new ChatAck(5, "r1:c1", false), ack);
        Assert.Equal(42, withReply.Seq);
        Assert.Equal("a.b.c", token);
    }

    [Fact]
    public async Task AHubExceptionArrivesWithItsCode()
    {
        await using var connection = new RealtimeConnection(RealtimeConnectionOptions.ForServer(_baseUri));
        await connection.ConnectAsync().Bounded();

        var failure = await Assert.ThrowsAsync<RealtimeHubException>(
            () => connection.InvokeAsync("Fail", ["forbidden: host only"]).Bounded());

        Assert.Equal("forbidden", failure.Code);
        Assert.Equal("host only", failure.Detail);
    }

    [Fact]
    public async Task EventsSentByTheHubReachTheHandlers()
    {
        await using var connection = new RealtimeConnection(RealtimeConnectionOptions.ForServer(_baseUri));
        var counters = new TaskCompletionSource<RoomCounters>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RoomCounters>("roomCounters", c => counters.TrySetResult(c));
        await connection.ConnectAsync().Bounded();

        await connection.InvokeAsync("Like", ["r1", 7]).Bounded();

        Assert.Equal(new RoomCounters("r1", 1, 7), await counters.Task.Bounded());
    }

    [Fact]
    public async Task AConnectionTheHubAbortsIsClosedForGoodAsSignalRDefines()
    {
        await using var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(_baseUri).HubUri,
            ReconnectPolicy = new ReconnectPolicy([TimeSpan.Zero]),
        });
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnecting = false;
        connection.Closed += reason =>
        {
            closed.TrySetResult(reason);
            return Task.CompletedTask;
        };
        connection.Reconnecting += _ =>
        {
            reconnecting = true;
            return Task.CompletedTask;
        };
        await connection.ConnectAsync().Bounded();

        await connection.SendAsync("Close", []).Bounded();

        Assert.Null(await closed.Task.Bounded());
        Assert.False(reconnecting);
    }

    [Fact]
    public async Task AHubShuttingDownMakesTheClientReconnectRatherThanClose()
    {
        await using var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(_baseUri).HubUri,
            ReconnectPolicy = new ReconnectPolicy([TimeSpan.FromMinutes(1)]),
        });
        var reconnecting = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += reason =>
        {
            reconnecting.TrySetResult(reason);
            return Task.CompletedTask;
        };
        await connection.ConnectAsync().Bounded();

        await _app.StopAsync().Bounded();

        Assert.NotNull(await reconnecting.Task.Bounded());
        Assert.Equal(RealtimeConnectionState.Reconnecting, connection.State);
    }
}
