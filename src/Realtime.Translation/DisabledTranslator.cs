using Realtime.Translation.Text;

namespace Realtime.Translation;

/// <summary>The translator when translation is off: it translates nothing but still reports source languages.</summary>
public sealed class DisabledTranslator : ITranslator
{
    /// <inheritdoc />
    public bool Enabled => false;

    /// <inheritdoc />
    public string? DetectSource(SourceText text) => ScriptDetector.Detect(text.Text, text.DeclaredLanguage);

    /// <inheritdoc />
    public Task<IReadOnlyList<TranslatedText?>> TranslateAsync(IReadOnlyList<SourceText> texts, string targetLanguage, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TranslatedText?>>(new TranslatedText?[texts.Count]);

    /// <inheritdoc />
    public TranslatedText? TryGetCached(SourceText text, string targetLanguage) => null;
}
