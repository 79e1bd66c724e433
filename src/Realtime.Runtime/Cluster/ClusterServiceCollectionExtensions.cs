using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Cluster.RabbitMq;
using Realtime.Runtime.Events;

namespace Realtime.Runtime.Cluster;

/// <summary>Turns the grain runtime into a cluster member.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-process router and bus with placement over the live silos and RabbitMQ
    /// (options from <c>Realtime:Cluster</c>). Needs an <see cref="IMembershipTable"/> and an
    /// <see cref="ILocalSilo"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddGrainCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection("Realtime:Cluster"));
        services.AddSingleton<RabbitMqConnectionProvider>();
        services.AddSingleton<GrainCallCodec>();
        services.AddSingleton<RabbitMqGrainTransport>();
        services.AddSingleton<RabbitMqEventBus>();
        services.AddSingleton<ClusterMembership>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallRouter, ClusterGrainCallRouter>());
        services.Replace(ServiceDescriptor.Singleton<IEventBus>(sp => sp.GetRequiredService<RabbitMqEventBus>()));

        // Order matters: the bus and transport are up before membership makes this silo an owner.
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqEventBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqGrainTransport>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterMembership>());
        return services;
    }
}
