using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Moderation;

namespace Realtime.Hosting.Moderation;

/// <summary>Registers the moderation rules and what the hub and REST need around them.</summary>
public static class ModerationHostingExtensions
{
    /// <summary>Adds the content moderator, term-list sync, review queue helpers.</summary>
    public static IServiceCollection AddRealtimeModerationHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRealtimeModeration(configuration);
        services.AddSingleton<ContentModeration>();
        services.AddSingleton<ModerationDecisions>();
        services.AddSingleton<ReportedContent>();
        services.AddSingleton<ReviewTranslator>();
        services.AddSingleton<ModerationTermsSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ModerationTermsSync>());
        return services;
    }
}
