namespace Realtime.Hosting.Hubs;

/// <summary>What the hub remembers about one connection.</summary>
internal sealed class ConnectionState
{
    public const string ItemKey = "realtime.connection";

    /// <summary>The language the connection reads, or null when unknown.</summary>
    public string? Language { get; set; }

    /// <summary>Rooms the connection joined.</summary>
    public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes the connection watches.</summary>
    public HashSet<string> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Serialises the connection's join and leave calls, which SignalR may run in parallel.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}
