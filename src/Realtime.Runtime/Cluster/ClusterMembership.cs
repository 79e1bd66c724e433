using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Runtime.Activation;

namespace Realtime.Runtime.Cluster;

/// <summary>
/// This silo's view of the cluster: registers and heartbeats in the membership table, reads the
/// live set every heartbeat, and when the set changes deactivates the grains this silo no longer
/// owns (their next call activates them on the new owner, from storage).
/// </summary>
public sealed partial class ClusterMembership(
    IMembershipTable table,
    ILocalSilo local,
    ActivationDirectory activations,
    IOptions<ClusterOptions> options,
    ILogger<ClusterMembership> logger) : BackgroundService
{
    private readonly string _incarnation = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile IReadOnlyList<string> _live = [];

    /// <summary>Live silos, sorted; this silo included once it has registered.</summary>
    public IReadOnlyList<string> Live => _live;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.RegisterAsync(local.Id, _incarnation, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.LeaveAsync(local.Id, _incarnation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMembershipFailed(logger, e);
        }
    }

    /// <summary>Reads the live set now (after a failed remote call, say).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var live = await table.ReadLiveAsync(options.Value.DeadAfter, cancellationToken).ConfigureAwait(false);
            if (!live.Contains(local.Id, StringComparer.Ordinal))
            {
                // Our own heartbeat may not have landed yet; we are alive as far as we are concerned.
                live = [.. live.Append(local.Id).Order(StringComparer.Ordinal)];
            }

            if (!live.SequenceEqual(_live, StringComparer.Ordinal))
            {
                var before = _live;
                _live = live;
                LogLiveSetChanged(logger, string.Join(",", before), string.Join(",", live));
                activations.DeactivateWhere(id => RendezvousPlacement.Owner(id, live) != local.Id);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await table.HeartbeatAsync(local.Id, _incarnation, stoppingToken).ConfigureAwait(false))
                    {
                        // Declared dead (or replaced) while alive: come back under this incarnation.
                        await table.RegisterAsync(local.Id, _incarnation, stoppingToken).ConfigureAwait(false);
                    }

                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogMembershipFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1101, LogLevel.Information, "Live silos changed from [{Before}] to [{After}]")]
    private static partial void LogLiveSetChanged(ILogger logger, string before, string after);

    [LoggerMessage(1102, LogLevel.Warning, "Membership heartbeat or read failed")]
    private static partial void LogMembershipFailed(ILogger logger, Exception exception);
}
