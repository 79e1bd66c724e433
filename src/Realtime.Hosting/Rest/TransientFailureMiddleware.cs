using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Contracts.Errors;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;

namespace Realtime.Hosting.Rest;

/// <summary>
/// Answers a REST request whose grain is moving, whose silo died or whose storage is down with
/// 503 and an <c>unavailable</c> problem (safe to retry), as the hub answers <c>unavailable:</c>,
/// instead of a bare 500; a refusal that escaped its endpoint gets its own problem document.
/// </summary>
internal sealed class TransientFailureMiddleware(RequestDelegate next, ILogger<TransientFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && ProblemFor(e) is { } problem)
        {
            if (e is not RealtimeException)
            {
                HostingLog.RestCallUnavailable(logger, context.Request.Path, e);
            }

            await problem.ExecuteAsync(context);
        }
    }

    private static IResult? ProblemFor(Exception e) => e switch
    {
        RealtimeException refusal => ProblemResults.From(refusal),
        StorageUnavailableException => ProblemResults.Problem(ErrorCodes.Unavailable, "storage is unavailable; try again"),
        TimeoutException or StaleActivationException or SiloUnavailableException or OrleansMessageRejectionException =>
            ProblemResults.Problem(ErrorCodes.Unavailable, "the service is busy; try again"),
        _ => null,
    };
}
