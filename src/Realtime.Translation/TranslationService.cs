using Microsoft.Extensions.Logging;
using Realtime.Translation.Caching;
using Realtime.Translation.Glossary;
using Realtime.Translation.Providers;
using Realtime.Translation.Text;

namespace Realtime.Translation;

/// <summary>
/// The translator every grain uses. Per call (one target language): drop what needs no
/// translation, answer what the caches know, group the rest by source language, apply the
/// glossary, make one provider call per group, restore glossary terms and cache the results.
/// </summary>
public sealed class TranslationService(
    ProviderRouter router,
    GlossaryStore glossary,
    TranslationMemoryCache memory,
    TranslationStorageCache storage,
    TranslationMetrics metrics,
    ILogger<TranslationService> logger) : ITranslator
{
    /// <inheritdoc />
    public bool Enabled => router.Providers.Count > 0;

    /// <inheritdoc />
    public string? DetectSource(SourceText text) => ScriptDetector.Detect(text.Text, text.DeclaredLanguage);

    /// <inheritdoc />
    public TranslatedText? TryGetCached(SourceText text, string targetLanguage)
    {
        var source = DetectSource(text);
        if (source is not null && ScriptDetector.SameLanguage(source, targetLanguage))
        {
            return null;
        }

        return memory.TryGet(KeyOf(text.Text, source, targetLanguage), out var cached) ? cached : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranslatedText?>> TranslateAsync(IReadOnlyList<SourceText> texts, string targetLanguage, CancellationToken cancellationToken = default)
    {
        var results = new TranslatedText?[texts.Count];
        var misses = new List<(int Index, string? Source, string Key)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var source = DetectSource(texts[i]);
            if ((source is not null && ScriptDetector.SameLanguage(source, targetLanguage)) || SkipRules.ShouldSkip(texts[i].Text))
            {
                metrics.Skip();
                continue;
            }

            if (router.Resolve(source, targetLanguage) is null)
            {
                // Nobody translates this pair: no cache can have it, so do not look.
                if (metrics.UnsupportedPair(source ?? "auto", targetLanguage))
                {
                    TranslationLog.NoProvider(logger, source ?? "auto", targetLanguage);
                }

                continue;
            }

            var key = KeyOf(texts[i].Text, source, targetLanguage);
            if (memory.TryGet(key, out var cached))
            {
                metrics.MemoryHit();
                results[i] = cached;
                continue;
            }

            misses.Add((i, source, key));
        }

        if (misses.Count == 0)
        {
            return results;
        }

        var stored = await Task.WhenAll(misses.Select(m => storage.TryGetAsync(m.Key, cancellationToken))).ConfigureAwait(false);
        var toTranslate = new List<(int Index, string? Source, string Key)>();
        for (var i = 0; i < misses.Count; i++)
        {
            if (stored[i] is { } hit)
            {
                metrics.StorageHit();
                memory.Set(misses[i].Key, hit);
                results[misses[i].Index] = hit;
            }
            else
            {
                metrics.Miss();
                toTranslate.Add(misses[i]);
            }
        }

        await Task.WhenAll(toTranslate.GroupBy(m => m.Source).Select(group =>
            TranslateGroupAsync(group.Key, group.ToList(), texts, targetLanguage, results, cancellationToken))).ConfigureAwait(false);
        return results;
    }

    private async Task TranslateGroupAsync(
        string? source,
        List<(int Index, string? Source, string Key)> group,
        IReadOnlyList<SourceText> texts,
        string target,
        TranslatedText?[] results,
        CancellationToken cancellationToken)
    {
        var provider = router.Resolve(source, target);
        if (provider is null)
        {
            if (metrics.UnsupportedPair(source ?? "auto", target))
            {
                TranslationLog.NoProvider(logger, source ?? "auto", target);
            }

            return;
        }

        var document = glossary.Current;
        var prepared = group.Select(m => GlossaryApplier.Prepare(texts[m.Index].Text, source, target, provider.GlossaryMode, document)).ToList();
        var forProvider = Enumerable.Range(0, group.Count).Where(i => prepared[i].NeedsProvider).ToList();
        foreach (var i in Enumerable.Range(0, group.Count).Where(i => !prepared[i].NeedsProvider))
        {
            Complete(group[i], new TranslatedText(GlossaryApplier.RestoreWithoutProvider(prepared[i]), prepared[i].Explanations), results);
        }

        if (forProvider.Count == 0)
        {
            return;
        }

        var request = new ProviderRequest(forProvider.Select(i => prepared[i].Text).ToList(), source, target);
        var characters = request.Texts.Sum(t => (long)t.Length);
        IReadOnlyList<ProviderTranslation> translated;
        try
        {
            translated = await provider.TranslateAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.ProviderCall(provider.Name, request.Texts.Count, characters, failed: false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.ProviderCall(provider.Name, request.Texts.Count, characters, failed: true);
            TranslationLog.ProviderFailed(logger, provider.Name, e);
            return;
        }

        for (var j = 0; j < forProvider.Count && j < translated.Count; j++)
        {
            var i = forProvider[j];
            var result = translated[j];
            if (result.DetectedLanguage is { } detected && ScriptDetector.SameLanguage(detected, target))
            {
                continue;
            }

            Complete(group[i], new TranslatedText(GlossaryApplier.Restore(result.Text, prepared[i]), prepared[i].Explanations), results);
        }
    }

    private void Complete((int Index, string? Source, string Key) item, TranslatedText value, TranslatedText?[] results)
    {
        results[item.Index] = value;
        memory.Set(item.Key, value);
        _ = storage.SetAsync(item.Key, value, CancellationToken.None);
    }

    private string KeyOf(string text, string? source, string target) =>
        TextKey.For(TextKey.Normalize(text), source, target, glossary.Current.Version);
}
