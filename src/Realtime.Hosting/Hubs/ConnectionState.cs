namespace Realtime.Hosting.Hubs;

/// <summary>What the hub remembers about one connection.</summary>
/// <remarks>Kept small: a silo holds one per open connection, most of them idle viewers.</remarks>
internal sealed class ConnectionState
{
    public const string ItemKey = "realtime.connection";

    /// <summary>The language the connection reads, or null when unknown.</summary>
    public string? Language { get; set; }

    /// <summary>Rooms the connection joined.</summary>
    public TopicIdSet Rooms { get; } = new();

    /// <summary>Rooms the connection joined as their host (it also receives their orders).</summary>
    public TopicIdSet HostedRooms { get; } = new();

    /// <summary>Notes the connection watches.</summary>
    public TopicIdSet Notes { get; } = new();

    /// <summary>Serialises the connection's join and leave calls, which SignalR may run in parallel.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}
