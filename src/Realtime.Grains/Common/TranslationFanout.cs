using Microsoft.Extensions.Logging;
using Realtime.Grains.Events;
using Realtime.Translation;

namespace Realtime.Grains.Common;

/// <summary>
/// Translates a tick's new lines once per reader language in demand and publishes each
/// language's results as one batch to that language's topic. Runs outside the grain's turns (a
/// provider's latency never holds up chat) and after the originals went out. The results come back
/// on the grain's own scheduler (no ConfigureAwait(false)), so <c>publish</c> may touch grain state.
/// </summary>
public sealed partial class TranslationFanout(ITranslator translator, ILogger<TranslationFanout> logger)
{
    /// <summary>True when a provider is available at all.</summary>
    public bool Enabled => translator.Enabled;

    /// <summary>The source language reported with a line: declared, refined by its script.</summary>
    public string? DetectSource(string text, string? declared) => translator.DetectSource(new SourceText(text, declared));

    /// <summary>A cached translation for a snapshot, or null.</summary>
    public TranslatedText? Cached(string text, string? source, string? readerLanguage) =>
        readerLanguage is null ? null : translator.TryGetCached(new SourceText(text, source), readerLanguage);

    /// <summary>
    /// Takes the items of <paramref name="pending"/> that are committed (seq at most
    /// <paramref name="committedSeq"/>) and starts translating them into the languages in demand.
    /// </summary>
    public void StartCommitted<T>(
        List<T> pending,
        Func<T, long> seqOf,
        long committedSeq,
        IReadOnlyCollection<string> languages,
        Func<T, SourceText> text,
        Func<T, string, TranslatedText, GrainEvent> toEvent,
        Action<IReadOnlyList<GrainEvent>> publish)
    {
        var ready = 0;
        while (ready < pending.Count && seqOf(pending[ready]) <= committedSeq)
        {
            ready++;
        }

        if (ready == 0)
        {
            return;
        }

        var batch = pending.GetRange(0, ready);
        pending.RemoveRange(0, ready);
        if (languages.Count > 0 && Enabled)
        {
            Start(batch, text, languages, toEvent, publish);
        }
    }

    /// <summary>Starts translating <paramref name="items"/> into every language of <paramref name="languages"/>.</summary>
    public void Start<T>(
        IReadOnlyList<T> items,
        Func<T, SourceText> text,
        IReadOnlyCollection<string> languages,
        Func<T, string, TranslatedText, GrainEvent> toEvent,
        Action<IReadOnlyList<GrainEvent>> publish)
    {
        foreach (var language in languages)
        {
            _ = TranslateAsync(items, text, language, toEvent, publish);
        }
    }

    private async Task TranslateAsync<T>(IReadOnlyList<T> items, Func<T, SourceText> text, string language, Func<T, string, TranslatedText, GrainEvent> toEvent, Action<IReadOnlyList<GrainEvent>> publish)
    {
        try
        {
            var results = await translator.TranslateAsync(items.Select(text).ToList(), language);
            var events = new List<GrainEvent>();
            for (var i = 0; i < items.Count; i++)
            {
                if (results[i] is { } translated)
                {
                    events.Add(toEvent(items[i], language, translated));
                }
            }

            if (events.Count > 0)
            {
                publish(events);
            }
        }
        catch (Exception e)
        {
            LogFailed(logger, language, e);
        }
    }

    [LoggerMessage(2201, LogLevel.Warning, "Translating into {Language} failed; the originals stand")]
    private static partial void LogFailed(ILogger logger, string language, Exception exception);
}
