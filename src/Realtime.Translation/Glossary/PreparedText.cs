using Realtime.Contracts.Rooms;

namespace Realtime.Translation.Glossary;

/// <summary>
/// A text ready for a provider: glossary terms replaced by placeholders (or wrapped in markup),
/// what to put back after translation, and the explanations of kept terms.
/// </summary>
/// <param name="Text">What the provider gets.</param>
/// <param name="Restore">Placeholder -> what it becomes in the translation.</param>
/// <param name="Explanations">Kept terms found in the text.</param>
/// <param name="NeedsProvider">False when nothing is left to translate once the terms are placed.</param>
public sealed record PreparedText(string Text, IReadOnlyDictionary<string, string> Restore, IReadOnlyList<TermExplanation> Explanations, bool NeedsProvider);
