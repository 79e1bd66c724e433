namespace Realtime.Runtime.Cluster;

/// <summary>
/// The shared record of which silos are alive (PostgreSQL in a cluster): each silo registers,
/// heartbeats, and reads the live set; a silo whose heartbeat is too old is dead to everyone.
/// Times are the database's, so silos' clocks need not agree.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Registers (or re-registers) a silo as active under a new incarnation.</summary>
    Task RegisterAsync(string siloId, string incarnation, CancellationToken cancellationToken = default);

    /// <summary>Refreshes the heartbeat; false when the row is no longer this incarnation's.</summary>
    Task<bool> HeartbeatAsync(string siloId, string incarnation, CancellationToken cancellationToken = default);

    /// <summary>Active silos whose heartbeat is younger than <paramref name="deadAfter"/>, sorted by id.</summary>
    Task<IReadOnlyList<string>> ReadLiveAsync(TimeSpan deadAfter, CancellationToken cancellationToken = default);

    /// <summary>Marks a silo as gone (graceful shutdown).</summary>
    Task LeaveAsync(string siloId, string incarnation, CancellationToken cancellationToken = default);
}
