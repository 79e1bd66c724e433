namespace Realtime.Translation;

/// <summary>A text to translate and the language its sender declared (or null).</summary>
public sealed record SourceText(string Text, string? DeclaredLanguage);
