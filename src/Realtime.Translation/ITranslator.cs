namespace Realtime.Translation;

/// <summary>
/// Translates chat lines and comments: skip rules, source detection, glossary, cache, provider
/// routing and batching behind one call per target language.
/// </summary>
public interface ITranslator
{
    /// <summary>True when any provider is available at all.</summary>
    bool Enabled { get; }

    /// <summary>
    /// Translates every text into <paramref name="targetLanguage"/>; null for a text that needs no
    /// translation (already in that language, a reaction, too short) or cannot be translated.
    /// Never throws for a provider failure: the originals stand.
    /// </summary>
    Task<IReadOnlyList<TranslatedText?>> TranslateAsync(IReadOnlyList<SourceText> texts, string targetLanguage, CancellationToken cancellationToken = default);

    /// <summary>A translation already in this silo's memory cache, for snapshots; never calls a provider.</summary>
    TranslatedText? TryGetCached(SourceText text, string targetLanguage);

    /// <summary>The source language as the hub reports it: declared, refined by the text's script.</summary>
    string? DetectSource(SourceText text);
}
