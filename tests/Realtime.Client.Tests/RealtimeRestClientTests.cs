using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Realtime.Client.Tests.Infrastructure;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Tests;

public sealed class RealtimeRestClientTests
{
    [Fact]
    public async Task GetDevTokenPostsTheUserAndReturnsTheToken()
    {
        await using var server = await TestHubServer.StartAsync(app => app.MapPost("/api/auth/dev-token", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            await context.Response.WriteAsJsonAsync(new
            {
                token = $"{root.GetProperty("userId").GetString()}|{root.GetProperty("displayName").GetString()}|{root.GetProperty("language").GetString()}",
            });
        }));
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var token = await new RealtimeRestClient(http).GetDevTokenAsync("u1", "Ann", "en").Bounded();

        Assert.Equal("u1|Ann|en", token);
    }

    [Fact]
    public async Task CreateRoomSendsTheBearerTokenAndReturnsTheCreatedRoom()
    {
        await using var server = await TestHubServer.StartAsync(MapRooms);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var room = await new RealtimeRestClient(http).CreateRoomAsync("r1", "Launch", "host-token").Bounded();

        Assert.Equal(new RoomSummary("r1", "Launch", "host-token", 0, 0), room);
    }

    [Fact]
    public async Task ARefusedCreateCarriesTheStatusAndTheProblemDocument()
    {
        await using var server = await TestHubServer.StartAsync(MapRooms);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var failure = await Assert.ThrowsAsync<RealtimeApiException>(
            () => new RealtimeRestClient(http).CreateRoomAsync("taken", "Again", "host-token").Bounded());

        Assert.Equal(HttpStatusCode.Conflict, failure.StatusCode);
        Assert.Equal("conflict", failure.Code);
        Assert.Equal("room taken exists", failure.Detail);
    }

    [Fact]
    public async Task ARefusalWithoutAProblemDocumentStillCarriesTheStatus()
    {
        await using var server = await TestHubServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var failure = await Assert.ThrowsAsync<RealtimeApiException>(
            () => new RealtimeRestClient(http).GetDevTokenAsync("u1", "Ann").Bounded());

        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Null(failure.Code);
    }

    [Fact]
    public async Task ListRoomsPassesTheLimitAndReadsTheRows()
    {
        await using var server = await TestHubServer.StartAsync(MapRooms);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var rooms = await new RealtimeRestClient(http).ListRoomsAsync(2).Bounded();

        Assert.Equal([new RoomSummary("big", "Big", "h1", 900, 5), new RoomSummary("small", "Small", "h2", 2, 0)], rooms);
    }

    private static void MapRooms(WebApplication app)
    {
        app.MapPost("/api/rooms", async (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var roomId = body.RootElement.GetProperty("roomId").GetString();
            if (roomId == "taken")
            {
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                await context.Response.WriteAsJsonAsync(new { code = "conflict", detail = "room taken exists" });
                return;
            }

            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsJsonAsync(new
            {
                roomId,
                title = body.RootElement.GetProperty("title").GetString(),
                hostId = authorization["Bearer ".Length..],
                viewers = 0,
                likes = 0,
            });
        });
        app.MapGet("/api/rooms", async (HttpContext context) =>
        {
            var rooms = new[]
            {
                new RoomSummary("big", "Big", "h1", 900, 5),
                new RoomSummary("small", "Small", "h2", 2, 0),
                new RoomSummary("tiny", "Tiny", "h3", 1, 0),
            };
            var limit = int.Parse(context.Request.Query["limit"].FirstOrDefault() ?? "100", System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(rooms.Take(limit));
        });
    }
}
