using System.Net;

namespace Realtime.Hosting.Silo;

/// <summary>
/// How this silo joins a cluster (section <c>Realtime:Cluster</c>). Cluster mode is on when
/// <see cref="ClusterId"/> is set; it needs PostgreSQL storage, whose database also holds the
/// membership table. Without it the silo is a cluster of one (localhost clustering).
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Realtime:Cluster";

    /// <summary>The cluster's name; silos with the same one (and the same database) form one cluster.</summary>
    public string? ClusterId { get; set; }

    /// <summary>The service's name, stable across deployments: grain state is stored under it.</summary>
    public string ServiceId { get; set; } = "realtime";

    /// <summary>This silo's Orleans port (silo-to-silo traffic). Several silos on one machine need different ports.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The address other silos reach this one at; loopback suits silos on one machine.</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>
    /// How long a silo waits for the answer to a liveness probe of another silo, and how often it
    /// probes (<c>Realtime:Cluster:ProbeTimeout</c>, Orleans' <c>ClusterMembershipOptions.ProbeTimeout</c>;
    /// unset keeps Orleans' default, 5 s). With <see cref="MissedProbesLimit"/> it bounds how long a
    /// crashed silo's grains stay unreachable before the others declare it dead and the grains
    /// re-activate elsewhere: roughly timeout x limit. Lower values fail over faster but may
    /// declare a merely overloaded silo dead.
    /// </summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>
    /// How many probes in a row a silo may miss before a prober votes it dead
    /// (<c>Realtime:Cluster:MissedProbesLimit</c>, Orleans' <c>ClusterMembershipOptions.NumMissedProbesLimit</c>;
    /// unset keeps Orleans' default, 3). See <see cref="ProbeTimeout"/>.
    /// </summary>
    public int? MissedProbesLimit { get; set; }

    /// <summary>True when this silo is a member of a multi-silo cluster.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClusterId);
}
