namespace Realtime.Contracts.Hub;

/// <summary>Well-known paths a silo serves.</summary>
public static class HubPaths
{
    public const string Live = "/hubs/live";
    public const string DevToken = "/api/auth/dev-token";
    public const string Rooms = "/api/rooms";
    public const string Notes = "/api/notes";
}
