using Microsoft.AspNetCore.SignalR;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Tests.Infrastructure;

/// <summary>A real ASP.NET Core SignalR hub with the contract's shapes, to check the client against the server's protocol implementation.</summary>
public sealed class ConformanceHub : Hub
{
    public ChatAck SendChat(string roomId, string clientMessageId, string text, long? replyToSeq)
        => new(replyToSeq ?? text.Length, $"{roomId}:{clientMessageId}", false);

    public void Fail(string message) => throw new HubException(message);

    public Task Like(string roomId, int count)
        => Clients.Caller.SendAsync("roomCounters", new RoomCounters(roomId, 1, count));

    public string? AccessToken() => Context.GetHttpContext()?.Request.Query["access_token"];

    public void Close() => Context.Abort();
}
