using Orleans.Runtime;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;

namespace Realtime.Grains.Moderation;

/// <summary>Keeps the term lists admins manage; validated by the caller.</summary>
public sealed class ModerationTermsGrain(
    [PersistentState(ModerationTermsGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<ModerationTermsState>> state,
    DurableGrainServices services) : DurableGrain<ModerationTermsState>(state, services), IModerationTermsGrain
{
    /// <summary>The lists' only key.</summary>
    public const string Key = "terms";

    /// <summary>The lists' state name in grain storage.</summary>
    public const string StateName = "moderation-terms";

    protected override string LogType => StateName;

    Task<ModerationTermList> IModerationTermsGrain.GetAsync(CancellationToken cancellationToken) => Run(Current);

    Task<long> IModerationTermsGrain.GetVersionAsync(CancellationToken cancellationToken) => Run(() => State.Version);

    Task<ModerationTermList> IModerationTermsGrain.ReplaceAsync(IReadOnlyList<ModerationTerm> terms, CancellationToken cancellationToken) => Run(() =>
    {
        State.Terms = terms.ToList();
        State.Version++;
        Commit();
        return Current();
    });

    private ModerationTermList Current() => new(State.Terms.ToList(), State.Version);
}
