using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>The <c>chatTranslated</c> event, sent only to readers of <paramref name="Language"/>.</summary>
/// <param name="Explanations">Terms kept untranslated on purpose, with a note each; empty when none.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatTranslated")]
public sealed record ChatTranslated(string RoomId, long Seq, string Language, string Text, IReadOnlyList<TermExplanation> Explanations);
