using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// Apertium, the rule-based translator that runs on our own machines. With
/// <c>Translation:Apertium:Url</c> set it talks to that APY server; otherwise it runs the local
/// installation (the <c>apertium</c> command and its modes directory), one long-running
/// null-flush pipeline per direction. Apertium cannot detect languages, so a request needs a
/// source. Glossary terms arrive as placeholders (<c>ZXQ0</c>), which Apertium passes through as
/// unknown words, unmarked.
/// </summary>
public sealed class ApertiumProvider : ITranslationProvider, IAsyncDisposable, IDisposable
{
    /// <summary>The longest wait for one answer of a local pipeline before it is declared stuck and killed.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(20);

    private const string ProviderName = "apertium";

    private readonly ApertiumOptions settings;
    private readonly ILogger logger;
    private readonly HttpClient? httpClient;
    private readonly TimeSpan responseTimeout;
    private volatile Discovery discovery = Discovery.Nothing;
    private IApertiumBackend? backend;
    private bool disposed;

    /// <param name="options">APY URL, or the local command and modes directory; read once here.</param>
    /// <param name="logger">Never receives the texts.</param>
    /// <param name="httpClient">For APY; owned by the caller. When null and APY is configured, the provider makes and owns one.</param>
    public ApertiumProvider(IOptions<ApertiumOptions> options, ILogger<ApertiumProvider> logger, HttpClient? httpClient = null)
        : this(options, logger, httpClient, DefaultResponseTimeout)
    {
    }

    internal ApertiumProvider(IOptions<ApertiumOptions> options, ILogger logger, HttpClient? httpClient, TimeSpan responseTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var value = options.Value;
        settings = new ApertiumOptions { Url = value.Url, Command = value.Command, ModesDirectory = value.ModesDirectory };
        this.logger = logger;
        this.httpClient = httpClient;
        this.responseTimeout = responseTimeout;
    }

    /// <inheritdoc />
    public string Name => ProviderName;

    /// <inheritdoc />
    public GlossaryMode GlossaryMode => GlossaryMode.Placeholders;

    /// <summary>Which Apertium is used; <see cref="ApertiumBackendKind.None"/> until initialised or when none is found.</summary>
    public ApertiumBackendKind Backend => discovery.Backend;

    /// <summary>The directions found by <see cref="InitializeAsync"/>, in BCP-47.</summary>
    public IReadOnlyList<ApertiumPair> Pairs => discovery.Pairs;

    /// <summary>
    /// Picks the backend and lists its directions: APY's <c>/listPairs</c>, or the <c>*.mode</c>
    /// files of the modes directory. Never throws for a missing or unreachable Apertium: the
    /// provider then supports nothing and says why in the log.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (backend is null)
        {
            backend = CreateBackend(out var reason);
            if (backend is null)
            {
                ApertiumLog.Unavailable(logger, reason!);
                discovery = Discovery.Nothing;
                return;
            }
        }

        IReadOnlyList<(string Source, string Target)> codes;
        try
        {
            codes = await backend.DiscoverAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unreachable server, unreadable directory, a malformed answer: the provider stays off.
            ApertiumLog.DiscoveryFailed(logger, backend.Kind, e.Message, e);
            discovery = new Discovery(backend.Kind, [], new Dictionary<(string, string), ApertiumPair>());
            return;
        }

        var pairs = new List<ApertiumPair>();
        var byCodes = new Dictionary<(string, string), ApertiumPair>();
        foreach (var (source, target) in codes)
        {
            if (ApertiumLanguages.ToBcp47(source) is { } sourceTag && ApertiumLanguages.ToBcp47(target) is { } targetTag
                && byCodes.TryAdd((source, target), new ApertiumPair(sourceTag, targetTag, $"{source}-{target}")))
            {
                pairs.Add(byCodes[(source, target)]);
            }
        }

        discovery = new Discovery(backend.Kind, pairs, byCodes);
        ApertiumLog.PairsDiscovered(logger, backend.Kind, pairs.Count, string.Join(", ", pairs.Select(p => $"{p.SourceLanguage}->{p.TargetLanguage}")));
    }

    /// <summary>
    /// True for a direction found at initialisation. The most specific Apertium direction wins
    /// (<c>en-US</c> uses <c>spa-eng_US</c> when installed, else <c>spa-eng</c>). A null source is
    /// never supported: Apertium cannot detect languages.
    /// </summary>
    public bool Supports(string? sourceLanguage, string targetLanguage) =>
        sourceLanguage is not null && targetLanguage is not null && Resolve(sourceLanguage, targetLanguage) is not null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderTranslation>> TranslateAsync(ProviderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SourceLanguage is null)
        {
            throw new TranslationProviderException(ProviderName, "Apertium cannot detect the source language; a source is required");
        }

        var pair = Resolve(request.SourceLanguage, request.TargetLanguage)
                   ?? throw new TranslationProviderException(ProviderName, $"no Apertium direction translates {request.SourceLanguage} into {request.TargetLanguage}");
        var current = backend;
        if (current is null || disposed)
        {
            throw new TranslationProviderException(ProviderName, "the provider is shut down");
        }

        if (request.Texts.Count == 0)
        {
            return [];
        }

        var separator = pair.Mode.IndexOf('-', StringComparison.Ordinal);
        var translated = await current.TranslateAsync(pair.Mode[..separator], pair.Mode[(separator + 1)..], request.Texts, cancellationToken).ConfigureAwait(false);
        var results = new ProviderTranslation[translated.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new ProviderTranslation(translated[i], DetectedLanguage: null);
        }

        return results;
    }

    /// <summary>Stops the local pipelines (or releases the APY client it owns).</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        discovery = Discovery.Nothing;
        if (backend is not null)
        {
            await backend.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The process running the local pipeline of a direction, once it was used (for diagnostics and tests).</summary>
    internal int? LocalProcessId(string sourceLanguage, string targetLanguage) =>
        backend is ApertiumLocalBackend local && Resolve(sourceLanguage, targetLanguage) is { } pair
            ? local.Pipeline(pair.Mode)?.ProcessId
            : null;

    /// <summary>How many processes were started for the local pipeline of a direction.</summary>
    internal int LocalStarts(string sourceLanguage, string targetLanguage) =>
        backend is ApertiumLocalBackend local && Resolve(sourceLanguage, targetLanguage) is { } pair
            ? local.Pipeline(pair.Mode)?.Starts ?? 0
            : 0;

    private ApertiumPair? Resolve(string sourceLanguage, string targetLanguage)
    {
        var known = discovery.ByCodes;
        if (known.Count == 0)
        {
            return null;
        }

        foreach (var source in ApertiumLanguages.Candidates(sourceLanguage))
        {
            foreach (var target in ApertiumLanguages.Candidates(targetLanguage))
            {
                if (known.TryGetValue((source, target), out var pair))
                {
                    return pair;
                }
            }
        }

        return null;
    }

    private IApertiumBackend? CreateBackend(out string? reason)
    {
        if (!string.IsNullOrWhiteSpace(settings.Url))
        {
            if (!Uri.TryCreate(settings.Url.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query))
            {
                reason = "Translation:Apertium:Url is not an absolute http(s) URL without a query";
                return null;
            }

            reason = null;
            var baseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            return httpClient is not null
                ? new ApertiumApyBackend(baseUrl, httpClient, ownsHttp: false, logger)
                : new ApertiumApyBackend(baseUrl, new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, ownsHttp: true, logger);
        }

        var command = ApertiumLocalBackend.FindCommand(string.IsNullOrWhiteSpace(settings.Command) ? "apertium" : settings.Command.Trim());
        if (command is null)
        {
            reason = $"no APY URL is set (Translation:Apertium:Url) and the '{settings.Command}' command is not installed";
            return null;
        }

        if (!Directory.Exists(settings.ModesDirectory))
        {
            reason = $"the modes directory {settings.ModesDirectory} does not exist (Translation:Apertium:ModesDirectory)";
            return null;
        }

        reason = null;
        return new ApertiumLocalBackend(command, settings.ModesDirectory, responseTimeout, logger);
    }

    private sealed record Discovery(ApertiumBackendKind Backend, IReadOnlyList<ApertiumPair> Pairs, IReadOnlyDictionary<(string, string), ApertiumPair> ByCodes)
    {
        public static Discovery Nothing { get; } = new(ApertiumBackendKind.None, [], new Dictionary<(string, string), ApertiumPair>());
    }
}
