namespace Realtime.Translation.Providers.Azure;

/// <summary>
/// What became of one text of a request: its translation, or why it was not translated
/// (over Azure's request limit on its own, or its batch failed after retries).
/// </summary>
public sealed record AzureTextOutcome(ProviderTranslation? Translation, TranslationProviderException? Error)
{
    /// <summary>True when <see cref="Translation"/> is set.</summary>
    public bool Succeeded => Translation is not null;
}
