namespace Realtime.Runtime.Cluster;

/// <summary>This silo's identity in the cluster.</summary>
public interface ILocalSilo
{
    /// <summary>The silo id (unique among live silos).</summary>
    string Id { get; }
}
