using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Hosting;

/// <summary>Registers the grain runtime.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime with the in-process router and event bus (the embedded profile);
    /// options from <c>Realtime:Runtime</c>. A cluster replaces the router and the bus.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection("Realtime:Runtime"));
        services.TryAddSingleton<GrainInterfaceMap>();
        services.TryAddSingleton<ActivationDirectory>();
        services.TryAddSingleton<IGrainCallRouter, LocalGrainCallRouter>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<IEventBus, InProcessEventBus>();
        services.AddHostedService<ActivationCollector>();
        return services;
    }

    /// <summary>Registers a grain type: its interface, implementation and stable type name.</summary>
    public static IServiceCollection AddGrain<TInterface, TImplementation>(this IServiceCollection services, string typeName)
        where TInterface : class, IGrain
        where TImplementation : Grain, TInterface
    {
        services.AddSingleton(new GrainTypeRegistration(map => map.Add<TInterface, TImplementation>(typeName)));
        return services;
    }
}
