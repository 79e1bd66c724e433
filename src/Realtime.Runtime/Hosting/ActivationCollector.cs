using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Runtime.Activation;

namespace Realtime.Runtime.Hosting;

/// <summary>Deactivates idle grains periodically, and every grain (last writes included) at shutdown.</summary>
internal sealed class ActivationCollector(ActivationDirectory directory, IOptions<RuntimeOptions> options) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await directory.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                directory.CollectIdle(options.Value.IdleTimeout);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
