using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>A text rendered in a reader's language.</summary>
/// <param name="Explanations">Terms kept untranslated on purpose, with a note each; empty when none.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.Translation")]
public sealed record Translation(string Language, string Text, IReadOnlyList<TermExplanation> Explanations);
