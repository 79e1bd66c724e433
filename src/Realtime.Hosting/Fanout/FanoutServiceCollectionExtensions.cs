using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Hosting.Hubs;

namespace Realtime.Hosting.Fanout;

/// <summary>Registers the silo's fan-out.</summary>
public static class FanoutServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="FanoutHubLifetimeManager"/> <see cref="LiveHub"/>'s lifetime manager,
    /// with options from <c>Realtime:Fanout</c>.
    /// </summary>
    public static IServiceCollection AddRealtimeFanout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FanoutOptions>()
            .Bind(configuration.GetSection("Realtime:Fanout"))
            .Validate(o => o.FlushIntervalMs is >= 0 and <= 1000, "Realtime:Fanout:FlushIntervalMs must be between 0 and 1000")
            .Validate(o => o.MaxQueuedWrites >= 1, "Realtime:Fanout:MaxQueuedWrites must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<FanoutHubLifetimeManager>();

        // A closed registration wins over SignalR's open-generic default, whatever the order.
        services.AddSingleton<HubLifetimeManager<LiveHub>>(sp => sp.GetRequiredService<FanoutHubLifetimeManager>());
        return services;
    }
}
