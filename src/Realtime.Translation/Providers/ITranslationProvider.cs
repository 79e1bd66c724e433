namespace Realtime.Translation.Providers;

/// <summary>
/// One machine translation engine. The translation service wraps every provider with skip
/// rules, glossary handling, caching and batching; a provider only translates.
/// </summary>
public interface ITranslationProvider
{
    /// <summary>Short name for logs and metrics (<c>azure</c>, <c>apertium</c>, <c>opencc</c>).</summary>
    string Name { get; }

    /// <summary>How glossary terms reach this provider.</summary>
    GlossaryMode GlossaryMode { get; }

    /// <summary>Discovers what the provider can do (pairs, availability); called once at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the provider translates <paramref name="sourceLanguage"/> into
    /// <paramref name="targetLanguage"/> (canonical BCP-47 tags; a null source means "detect").
    /// </summary>
    bool Supports(string? sourceLanguage, string targetLanguage);

    /// <summary>Translates every text of the request; one result per text, in order.</summary>
    /// <exception cref="TranslationProviderException">The provider failed; nothing was translated.</exception>
    Task<IReadOnlyList<ProviderTranslation>> TranslateAsync(ProviderRequest request, CancellationToken cancellationToken = default);
}
