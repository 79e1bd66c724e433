using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>The call reached an activation that is deactivating; the caller retries on a new one.</summary>
public sealed class ActivationClosedException(GrainId id)
    : Exception($"The activation of {id} is closed.");
