namespace Realtime.Translation.Providers;

/// <summary>A batch for one provider call: texts of one source language into one target.</summary>
/// <param name="Texts">Texts as prepared by the service (placeholders or markup already applied).</param>
/// <param name="SourceLanguage">Canonical BCP-47 source, or null to let the provider detect it.</param>
/// <param name="TargetLanguage">Canonical BCP-47 target.</param>
public sealed record ProviderRequest(IReadOnlyList<string> Texts, string? SourceLanguage, string TargetLanguage);
