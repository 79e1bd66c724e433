using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Storage;

namespace Realtime.Grains.Durability;

/// <summary>What every durable grain needs from the silo, in one constructor argument.</summary>
public sealed class DurableGrainServices(IRealtimeStore store, IClusterMembershipService membership, ILogger<DurableGrainServices> logger)
{
    /// <summary>The log store.</summary>
    public IRealtimeStore Store { get; } = store;

    /// <summary>Which silos are active members; relays of the others are dropped.</summary>
    public IClusterMembershipService Membership { get; } = membership;

    public ILogger Logger { get; } = logger;
}
