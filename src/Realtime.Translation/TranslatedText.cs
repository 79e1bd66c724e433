using Realtime.Contracts.Rooms;

namespace Realtime.Translation;

/// <summary>A translation ready to send, with the explanations of terms kept untranslated.</summary>
public sealed record TranslatedText(string Text, IReadOnlyList<TermExplanation> Explanations);
