namespace Realtime.Runtime.Cluster;

/// <summary>The cluster cannot take the call now (the message bus is down, no silo is reachable).</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
