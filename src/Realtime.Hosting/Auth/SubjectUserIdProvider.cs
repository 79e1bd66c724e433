using Microsoft.AspNetCore.SignalR;

namespace Realtime.Hosting.Auth;

/// <summary>SignalR's user id is the token's subject, so events can go to every connection of a user.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(RealtimeClaims.UserId)?.Value;
}
