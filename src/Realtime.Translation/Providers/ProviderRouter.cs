using System.Collections.Concurrent;

namespace Realtime.Translation.Providers;

/// <summary>
/// Picks, per language pair, the first available provider that supports it (OpenCC for Chinese
/// scripts, then Azure, then Apertium under <c>auto</c>); remembers the choice.
/// </summary>
public sealed class ProviderRouter(IReadOnlyList<ITranslationProvider> providers)
{
    private readonly ConcurrentDictionary<(string?, string), ITranslationProvider?> _choices = new();

    /// <summary>The providers in order of preference.</summary>
    public IReadOnlyList<ITranslationProvider> Providers => providers;

    /// <summary>The provider for a pair, or null when none supports it.</summary>
    public ITranslationProvider? Resolve(string? source, string target) =>
        _choices.GetOrAdd((source, target), key => providers.FirstOrDefault(p => p.Supports(key.Item1, key.Item2)));
}
