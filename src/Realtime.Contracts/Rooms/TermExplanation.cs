using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>A term the translation kept untranslated on purpose, and a short note to show as a hint.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TermExplanation")]
public sealed record TermExplanation(string Term, string Note);
