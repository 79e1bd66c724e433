using Orleans;

namespace Realtime.Contracts.Moderation;

/// <summary>The body of <c>GET/PUT /api/moderation/terms</c>: every list, replaced as a whole by a PUT.</summary>
/// <param name="Version">Grows with every change; ignored in a PUT.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ModerationTermList")]
public sealed record ModerationTermList(IReadOnlyList<ModerationTerm> Terms, long Version = 0);
