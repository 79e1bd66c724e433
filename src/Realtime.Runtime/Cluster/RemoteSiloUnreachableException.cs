namespace Realtime.Runtime.Cluster;

/// <summary>A remote owner did not take or answer a call in time; the caller looks the owner up again.</summary>
public sealed class RemoteSiloUnreachableException(string siloId, string reason)
    : Exception($"Silo {siloId} is unreachable: {reason}.")
{
    /// <summary>The silo that was called.</summary>
    public string SiloId { get; } = siloId;
}
