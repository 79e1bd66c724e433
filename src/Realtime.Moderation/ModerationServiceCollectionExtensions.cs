using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Moderation;

/// <summary>Registers moderation: options, the Chinese simplifier when OpenCC is installed, the normaliser, the contact filter and the moderator.</summary>
public static class ModerationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ContentModerator"/> and what it needs, as singletons, with the options of
    /// section <c>Moderation</c>. The simplifier is OpenCC's when libopencc loads, else none; which
    /// one is logged once, when the normaliser is first built. A registered <see cref="IChineseSimplifier"/> is used instead.
    /// </summary>
    public static IServiceCollection AddRealtimeModeration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section));
        services.TryAddSingleton(sp => new TextNormalizer(
            sp.GetService<IChineseSimplifier>() ?? CreateSimplifier(sp.GetRequiredService<ILoggerFactory>().CreateLogger<TextNormalizer>())));
        services.TryAddSingleton<ContactDetector>();
        services.TryAddSingleton(sp => new ContentModerator(
            sp.GetRequiredService<TextNormalizer>(),
            sp.GetRequiredService<ContactDetector>(),
            sp.GetRequiredService<IOptions<ModerationOptions>>(),
            sp.GetRequiredService<ILogger<ContentModerator>>()));
        return services;
    }

    private static IChineseSimplifier? CreateSimplifier(ILogger logger)
    {
        var simplifier = OpenCcChineseSimplifier.TryCreate(out var reason);
        if (simplifier is null)
        {
            ModerationLog.SimplifierUnavailable(logger, reason ?? "unknown");
        }
        else
        {
            ModerationLog.SimplifierAvailable(logger);
        }

        return simplifier;
    }
}
