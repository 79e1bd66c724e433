using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Realtime.Contracts.Errors;
using Realtime.Grains.Common;
using Realtime.Hosting.Metrics;
using Orleans.Runtime;
using Realtime.Grains.Durability;

namespace Realtime.Hosting.Hubs;

/// <summary>
/// Turns every failure of a hub method into a <see cref="HubException"/> whose message starts with
/// a contract error code, so clients always learn what went wrong and the connection stays open.
/// </summary>
internal sealed class ErrorTranslatingHubFilter(HubMetrics metrics, ILogger<ErrorTranslatingHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        metrics.MessageIn();
        try
        {
            return await next(invocationContext);
        }
        catch (RealtimeException e)
        {
            throw new HubException(e.Message);
        }
        catch (HubException)
        {
            throw;
        }
        catch (StorageUnavailableException)
        {
            throw new HubException($"{ErrorCodes.Unavailable}: storage is unavailable; try again");
        }
        catch (Exception e) when (e is TimeoutException or StaleActivationException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            throw new HubException($"{ErrorCodes.Unavailable}: the service is busy; try again");
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw new HubException($"{ErrorCodes.Unavailable}: the connection closed");
        }
        catch (Exception e)
        {
            HostingLog.HubMethodFailed(logger, invocationContext.HubMethodName, e);
            throw new HubException($"{ErrorCodes.Unavailable}: internal error");
        }
    }
}
