using Orleans;

namespace Realtime.Grains.Durability;

/// <summary>
/// Thrown to the callers of an activation whose write was refused because newer state exists (a
/// second activation of the same grain wrote first). The activation deactivates; the call is safe
/// to retry and reaches a fresh activation that reads the newer state.
/// </summary>
[GenerateSerializer]
[Alias("realtime.StaleActivationException")]
public sealed class StaleActivationException : Exception
{
    public StaleActivationException()
        : base("This activation's state is stale; retry the call.")
    {
    }

    public StaleActivationException(string message)
        : base(message)
    {
    }
}
