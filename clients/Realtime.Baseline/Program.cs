// The plain-SignalR baseline: what a developer writes first for a live chat room. One hub, a
// SignalR group per room, a sequence number per room, and a broadcast. It answers the calls the
// load generator makes (its hot-room and idle scenarios) in the shapes our .NET client reads, so
// the same scenario code runs against it and against our silo.
//
// On purpose it has none of what our silo does for a message: no persistence (a restart loses
// every room and line), no dedupe (a retried clientMessageId is a second line), no rate limits,
// no authentication (the access_token is taken as the user's name), no moderation, no ordering
// guarantee between two senders (seq is assigned with Interlocked, then each line is broadcast
// on its own, so two lines sent at the same moment may reach a viewer in either order), and no
// resume (JoinRoom never returns history). That is the point: it measures what SignalR alone
// costs, so the difference is what the product costs.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();
builder.Services.AddSingleton<RoomRegistry>();

var app = builder.Build();
app.MapHub<LiveHub>("/hubs/live");
app.MapGet("/healthz", () => "ok");

// Stubs of the REST calls the load generator makes before it connects.
app.MapPost("/api/auth/dev-token", (DevTokenRequest request) =>
    Results.Ok(new DevTokenResponse(request.UserId ?? Guid.NewGuid().ToString("N"))));
app.MapPost("/api/rooms", (CreateRoomRequest request, HttpRequest http, RoomRegistry rooms) =>
{
    var roomId = request.RoomId ?? Guid.NewGuid().ToString("N");
    var hostId = http.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal);
    var room = rooms.GetOrAdd(roomId, request.Title ?? roomId, hostId);
    return Results.Created("/api/rooms/" + roomId, new RoomSummary(roomId, room.Title, room.HostId, 0, 0));
});

app.Run();

/// <summary>The hub at <c>/hubs/live</c>.</summary>
internal sealed class LiveHub(RoomRegistry rooms) : Hub
{
    /// <summary>The caller's name: its <c>access_token</c> as given, unchecked; "anonymous" without one.</summary>
    private string UserId => Context.GetHttpContext()?.Request.Query["access_token"].ToString() is { Length: > 0 } token ? token : "anonymous";

    public async Task<RoomSnapshot> JoinRoom(string roomId, long? sinceSeq)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
        var room = rooms.GetOrAdd(roomId, roomId, string.Empty);
        return new RoomSnapshot(roomId, room.Title, room.HostId, 0, 0, Interlocked.Read(ref room.LastSeq), "baseline", true, [], null, 0);
    }

    public Task LeaveRoom(string roomId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, roomId);

    public async Task<ChatAck> SendChat(string roomId, string clientMessageId, string text, long? replyToSeq)
    {
        var room = rooms.GetOrAdd(roomId, roomId, string.Empty);
        var seq = Interlocked.Increment(ref room.LastSeq);
        var user = UserId;
        var message = new ChatMessage(roomId, seq, Guid.NewGuid().ToString("N"), user, user, text, null, replyToSeq, DateTimeOffset.UtcNow, null);
        await Clients.Group(roomId).SendAsync("chat", message);
        return new ChatAck(seq, message.MessageId, false);
    }
}

/// <summary>The rooms, in memory only.</summary>
internal sealed class RoomRegistry
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    public Room GetOrAdd(string roomId, string title, string hostId) => _rooms.GetOrAdd(roomId, _ => new Room(title, hostId));
}

/// <summary>A room: its title, its host and the last seq handed out.</summary>
internal sealed class Room(string title, string hostId)
{
    public long LastSeq;

    public string Title { get; } = title;

    public string HostId { get; } = hostId;
}

// The shapes our client reads, declared here so the baseline shares no code with the product.
internal sealed record DevTokenRequest(string? UserId, string? DisplayName, string? Language);

internal sealed record DevTokenResponse(string Token);

internal sealed record CreateRoomRequest(string? RoomId, string? Title);

internal sealed record RoomSummary(string RoomId, string Title, string HostId, long Viewers, long Likes);

internal sealed record RoomSnapshot(
    string RoomId, string Title, string HostId, long Viewers, long Likes, long LastSeq, string Epoch, bool Recovered,
    IReadOnlyList<ChatMessage> Messages, ChatMessage? Pinned, int SlowModeSeconds);

internal sealed record ChatMessage(
    string RoomId, long Seq, string MessageId, string UserId, string DisplayName, string Text, string? Language,
    long? ReplyToSeq, DateTimeOffset SentAt, object? Translation);

internal sealed record ChatAck(long Seq, string MessageId, bool Duplicate);
