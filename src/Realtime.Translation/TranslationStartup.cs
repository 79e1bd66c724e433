using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Apertium;
using Realtime.Translation.Providers.Azure;
using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation;

/// <summary>
/// Initialises the configured providers at start and keeps those that turn out usable, so the
/// router only ever offers a provider that works here; says clearly when translation is off.
/// </summary>
public sealed class TranslationStartup(IServiceProvider services, IOptions<TranslationOptions> options, ILogger<TranslationStartup> logger) : IHostedService
{
    private readonly List<ITranslationProvider> _available = [];
    private ProviderRouter? _router;

    /// <summary>The router over the available providers (empty until the silo has started).</summary>
    public ProviderRouter Router => _router ??= new ProviderRouter(_available);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in TranslationServiceCollectionExtensions.Candidates(options.Value.Provider, services))
        {
            try
            {
                await provider.InitializeAsync(cancellationToken).ConfigureAwait(false);
                if (Unavailable(provider) is { } reason)
                {
                    TranslationLog.ProviderUnavailable(logger, provider.Name, reason);
                    continue;
                }

                _available.Add(provider);
                TranslationLog.ProviderAvailable(logger, provider.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                TranslationLog.ProviderUnavailable(logger, provider.Name, e.Message);
            }
        }

        if (_available.Count == 0 && !string.Equals(options.Value.Provider, "none", StringComparison.OrdinalIgnoreCase))
        {
            TranslationLog.TranslationOff(logger);
        }
    }

    private static string? Unavailable(ITranslationProvider provider) => provider switch
    {
        AzureTranslatorProvider { IsConfigured: false } => "Translation:Azure:Endpoint and Translation:Azure:Key are not set",
        ApertiumProvider { Backend: ApertiumBackendKind.None } => "no APY URL is set and the apertium command is not installed",
        OpenCcProvider { Backend: OpenCcBackendKind.None } => "neither libopencc nor the opencc command is installed",
        _ => null,
    };

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
