using Microsoft.AspNetCore.SignalR;
using Realtime.Hosting.Metrics;

namespace Realtime.Hosting.Hubs;

/// <summary>Keeps <c>realtime_connections</c> (open hub connections) up to date.</summary>
internal sealed class ConnectionCountingHubFilter(HubMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);

        // Counted once the hub accepted it: SignalR calls OnDisconnectedAsync only for those.
        metrics.Connected();
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        metrics.Disconnected();
        return next(context, exception);
    }
}
