using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Translation.Caching;
using Realtime.Translation.Glossary;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Apertium;
using Realtime.Translation.Providers.Azure;
using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation;

/// <summary>Registers translation: providers per <c>Translation:Provider</c>, glossary, caches and the translator.</summary>
public static class TranslationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the translator. <paramref name="dataPath"/> holds <c>glossary.json</c>. Providers are
    /// discovered at start (<see cref="TranslationStartup"/>); the ones not available drop out.
    /// </summary>
    public static IServiceCollection AddRealtimeTranslation(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        var section = configuration.GetSection("Translation");
        services.AddOptions<TranslationOptions>().Bind(section);
        services.AddOptions<AzureTranslatorOptions>().Bind(section.GetSection("Azure"));
        services.AddOptions<ApertiumOptions>().Bind(section.GetSection("Apertium"));
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GlossaryStore(dataPath, sp.GetRequiredService<ILogger<GlossaryStore>>()));
        services.AddSingleton(sp => new TranslationMemoryCache(sp.GetRequiredService<IOptions<TranslationOptions>>().Value.MemoryCacheEntries));
        services.AddSingleton<TranslationStorageCache>();
        services.AddSingleton<TranslationMetrics>();
        services.AddSingleton(sp => new AzureTranslatorProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("azure-translator"),
            sp.GetRequiredService<IOptions<AzureTranslatorOptions>>(),
            sp.GetRequiredService<ILogger<AzureTranslatorProvider>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ApertiumProvider>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OpenCcProvider>(sp));
        services.AddSingleton<TranslationStartup>();
        services.AddSingleton(sp => sp.GetRequiredService<TranslationStartup>().Router);
        services.AddHostedService(sp => sp.GetRequiredService<TranslationStartup>());
        services.Replace(ServiceDescriptor.Singleton<ITranslator, TranslationService>());
        return services;
    }

    /// <summary>The providers <c>Translation:Provider</c> names, in order of preference.</summary>
    internal static IReadOnlyList<ITranslationProvider> Candidates(string provider, IServiceProvider services) => provider.Trim().ToLowerInvariant() switch
    {
        "none" => [],
        "azure" => [services.GetRequiredService<AzureTranslatorProvider>()],
        "apertium" => [services.GetRequiredService<ApertiumProvider>()],
        "opencc" => [services.GetRequiredService<OpenCcProvider>()],
        "auto" or "" => [services.GetRequiredService<OpenCcProvider>(), services.GetRequiredService<AzureTranslatorProvider>(), services.GetRequiredService<ApertiumProvider>()],
        _ => throw new InvalidOperationException($"Translation:Provider is '{provider}'; use auto, azure, apertium, opencc or none."),
    };
}
