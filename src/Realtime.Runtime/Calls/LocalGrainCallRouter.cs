using Realtime.Runtime.Activation;

namespace Realtime.Runtime.Calls;

/// <summary>Runs every call on this silo's activations.</summary>
public sealed class LocalGrainCallRouter(ActivationDirectory directory) : IGrainCallRouter
{
    /// <inheritdoc />
    public Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken = default) =>
        directory.InvokeAsync(call, cancellationToken);
}
