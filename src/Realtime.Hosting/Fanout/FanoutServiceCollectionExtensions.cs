using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
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
            .Validate(o => o.CoalesceFromMembers >= 1, "Realtime:Fanout:CoalesceFromMembers must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<FanoutHubLifetimeManager>();

        // Kestrel then sends a connection's bytes on the thread that flushed them rather than
        // queueing the send to one of its I/O threads: one thread hop less per write, which is
        // most of what a write costs besides the system call. Socket completions stay on the thread
        // pool, so no silo code runs on the socket event loop.
        services.Configure<SocketTransportOptions>(socket => socket.UnsafePreferInlineScheduling = true);

        // A closed registration wins over SignalR's open-generic default, whatever the order.
        services.AddSingleton<HubLifetimeManager<LiveHub>>(sp => sp.GetRequiredService<FanoutHubLifetimeManager>());
        return services;
    }
}
