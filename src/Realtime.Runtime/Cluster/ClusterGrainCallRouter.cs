using System.Diagnostics;
using Microsoft.Extensions.Options;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Cluster.RabbitMq;
using Realtime.Runtime.Hosting;

namespace Realtime.Runtime.Cluster;

/// <summary>
/// Placement in a cluster: a call goes to its grain's owner among the live silos; a local owner
/// runs it in process, a remote one over the bus. When the owner does not answer (it died, or
/// the live set is moving) the live set is read again and the call goes to the new owner.
/// </summary>
public sealed class ClusterGrainCallRouter(
    ClusterMembership membership,
    ActivationDirectory activations,
    RabbitMqGrainTransport transport,
    ILocalSilo local,
    IOptions<ClusterOptions> cluster,
    IOptions<RuntimeOptions> runtime) : IGrainCallRouter
{
    /// <inheritdoc />
    public async Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            if (!transport.IsConnected)
            {
                throw new ClusterUnavailableException("the message bus is unreachable; try again shortly");
            }

            var owner = RendezvousPlacement.Owner(call.Target, membership.Live);
            if (owner == local.Id)
            {
                return await activations.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await transport.InvokeAsync(owner, call, cluster.Value.RemoteAttemptTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteSiloUnreachableException) when (Stopwatch.GetElapsedTime(started) < runtime.Value.CallTimeout)
            {
                await membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
                if (RendezvousPlacement.Owner(call.Target, membership.Live) == owner)
                {
                    // The owner is still listed: give the membership a moment to notice it is gone.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * (attempt + 1))), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
