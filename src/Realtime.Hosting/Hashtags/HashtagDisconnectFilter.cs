using Microsoft.AspNetCore.SignalR;
using Realtime.Hosting.Hubs;

namespace Realtime.Hosting.Hashtags;

/// <summary>Stops a closing connection's topic and trending watches, after the hub's own cleanup.</summary>
internal sealed class HashtagDisconnectFilter : IHubFilter
{
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Hub is LiveHub hub)
            {
                await hub.UnwatchHashtagsOnDisconnectAsync();
            }
        }
    }
}
