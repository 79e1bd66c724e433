using Orleans;

namespace Realtime.Contracts.Moderation;

/// <summary>One blocked term of a language's list.</summary>
/// <param name="Language">The list it belongs to (a BCP-47 tag such as <c>en</c> or <c>zh-Hans</c>); every list applies to every text.</param>
/// <param name="Term">What to match, compared after normalisation (case, width, script, separators, look-alike digits).</param>
/// <param name="Action">One of <see cref="TermActions"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ModerationTerm")]
public sealed record ModerationTerm(string Language, string Term, string Action);
