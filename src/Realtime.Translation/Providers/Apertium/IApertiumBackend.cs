namespace Realtime.Translation.Providers.Apertium;

/// <summary>One way of reaching Apertium: an APY server, or the local installation.</summary>
internal interface IApertiumBackend : IAsyncDisposable
{
    /// <summary>Which backend this is.</summary>
    ApertiumBackendKind Kind { get; }

    /// <summary>The translation directions offered, as Apertium codes (<c>eng</c>, <c>spa</c>, <c>eng_US</c>).</summary>
    Task<IReadOnlyList<(string Source, string Target)>> DiscoverAsync(CancellationToken cancellationToken);

    /// <summary>Translates every text from <paramref name="source"/> into <paramref name="target"/> (Apertium codes), in order.</summary>
    /// <exception cref="TranslationProviderException">Nothing was translated.</exception>
    Task<IReadOnlyList<string>> TranslateAsync(string source, string target, IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
