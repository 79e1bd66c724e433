using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Translation;

namespace Realtime.Grains;

/// <summary>Registers what the domain's grains need from a silo (Orleans finds the grain classes themselves).</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the grains' clock, translation fan-out and durable-state services.</summary>
    public static IServiceCollection AddRealtimeGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock, SystemClock>();
        services.TryAddSingleton<ITranslator, DisabledTranslator>();
        services.TryAddSingleton<TranslationFanout>();
        services.TryAddSingleton<DurableGrainServices>();
        return services;
    }
}
