using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Moderation;
using Realtime.Moderation;

namespace Realtime.Hosting.Moderation;

/// <summary>
/// Keeps this silo's copy of the term lists in step with the cluster's: loads them at start and
/// asks for the version every <see cref="Interval"/>, fetching the lists only when it changed. The
/// silo that takes an admin's change applies it at once; the others within one interval.
/// </summary>
public sealed class ModerationTermsSync(ContentModerator moderator, IGrainFactory grains, ILogger<ModerationTermsSync> logger) : BackgroundService
{
    /// <summary>How often the version is compared.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private IModerationTermsGrain Terms => grains.GetGrain<IModerationTermsGrain>(ModerationTermsGrain.Key);

    /// <summary>Replaces the lists cluster-wide and applies them on this silo now.</summary>
    public async Task<ModerationTermList> ReplaceAsync(IReadOnlyList<ModerationTerm> terms, CancellationToken cancellationToken)
    {
        var list = await Terms.ReplaceAsync(terms, cancellationToken);
        Use(list);
        return list;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (await Terms.GetVersionAsync(stoppingToken) != moderator.TermsVersion)
                {
                    Use(await Terms.GetAsync(stoppingToken));
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may not be active yet, or storage is down: the current lists stay in force.
                ModerationLog.TermsSyncFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Use(ModerationTermList list)
    {
        // An older answer (a slow poll) never replaces a newer list.
        if (list.Version > moderator.TermsVersion)
        {
            moderator.UseTerms(list);
            ModerationLog.TermsApplied(logger, list.Version, list.Terms.Count);
        }
    }
}
