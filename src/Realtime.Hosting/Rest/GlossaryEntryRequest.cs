namespace Realtime.Hosting.Rest;

/// <summary>Body of <c>PUT /api/glossary/entries</c>.</summary>
public sealed record GlossaryEntryRequest(string? SourceLanguage, string? Term, Dictionary<string, string>? Translations);
