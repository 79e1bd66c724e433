namespace Realtime.Runtime.Cluster;

/// <summary>Cluster settings (section <c>Realtime:Cluster</c>); a RabbitMQ URI turns the cluster profile on.</summary>
public sealed class ClusterOptions
{
    /// <summary><c>amqp://user:pass@host:5672/vhost</c>; unset = embedded (one silo, in process).</summary>
    public string? RabbitMqUri { get; set; }

    /// <summary>How often a silo writes its heartbeat and reads the live set.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is dead to everyone.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long one attempt at a remote call waits before the owner is looked up again.</summary>
    public TimeSpan RemoteAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
