namespace Realtime.Hosting.Hubs;

/// <summary>The authenticated user behind a hub call.</summary>
internal sealed record Caller(string UserId, string DisplayName, string? Language);
