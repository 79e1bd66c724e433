namespace Realtime.Runtime.Calls;

/// <summary>
/// Where placement happens: delivers a call to the silo that owns its grain. The embedded
/// profile owns every grain; a cluster adds a router that forwards calls to remote owners.
/// </summary>
public interface IGrainCallRouter
{
    /// <summary>Runs the call on the owning activation and returns its result (null for a plain Task).</summary>
    Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken = default);
}
