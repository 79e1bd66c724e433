using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Realtime.Hosting.Hashtags;

/// <summary>Registers what topics and trending need on a silo.</summary>
public static class HashtagHostingExtensions
{
    /// <summary>Adds the view aggregator and the hub filter that ends watches on disconnect.</summary>
    public static IServiceCollection AddRealtimeHashtags(this IServiceCollection services)
    {
        services.AddSingleton<ViewAggregator>();
        services.AddHostedService(sp => sp.GetRequiredService<ViewAggregator>());
        services.Configure<HubOptions>(hub => hub.AddFilter<HashtagDisconnectFilter>());
        return services;
    }
}
