using Orleans;
using Realtime.Contracts.Moderation;

namespace Realtime.Grains.Moderation;

/// <summary>The platform's blocked-term lists (one grain, key <see cref="ModerationTermsGrain.Key"/>); every silo keeps a copy.</summary>
[Alias("realtime.IModerationTermsGrain")]
public interface IModerationTermsGrain : IGrainWithStringKey
{
    /// <summary>The lists and their version.</summary>
    [Alias("Get")]
    Task<ModerationTermList> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The current version alone (what silos poll).</summary>
    [Alias("GetVersion")]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces every list; returns them with their new version.</summary>
    [Alias("Replace")]
    Task<ModerationTermList> ReplaceAsync(IReadOnlyList<ModerationTerm> terms, CancellationToken cancellationToken = default);
}
