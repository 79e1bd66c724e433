using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>The <c>commentTranslated</c> event, sent only to readers of <paramref name="Language"/>.</summary>
/// <param name="Explanations">Terms kept untranslated on purpose, with a note each; empty when none.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CommentTranslated")]
public sealed record CommentTranslated(string NoteId, string CommentId, string Language, string Text, IReadOnlyList<Rooms.TermExplanation> Explanations);
