using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hashtags;
using Realtime.Grains.Hashtags;
using Orleans;

namespace Realtime.Hosting.Rest;

/// <summary><c>/api/topics</c>: the trending lists and one topic's counters with its latest notes.</summary>
public static class HashtagEndpoints
{
    /// <summary>How many latest notes <c>GET /api/topics/{tag}</c> returns.</summary>
    public const int LatestNotes = 20;

    /// <summary>Maps the topic endpoints.</summary>
    public static IEndpointRouteBuilder MapHashtagEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TopicPaths.Trending, async (HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var windows = request.Query["window"];
            var window = windows.Count == 0 ? TrendingWindows.Hour : windows.Count == 1 ? windows[0] : null;
            if (!TrendingWindows.IsKnown(window))
            {
                return ProblemResults.Invalid("window must be 1h or 24h");
            }

            return Results.Ok(await grains.GetGrain<ITrendingGrain>(TrendingGrain.Key).ListAsync(window!, cancellationToken));
        });

        endpoints.MapGet(TopicPaths.Topics + "/{tag}", async (string tag, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var folded = HashtagParser.Normalize(tag);
            if (folded is null)
            {
                return ProblemResults.Invalid($"tag must be 1-{HashtagParser.MaxLength} letters, digits or underscores with at least one letter");
            }

            var snapshot = await grains.GetGrain<ITopicGrain>(folded).SnapshotAsync(LatestNotes, cancellationToken);
            return snapshot is null ? ProblemResults.Problem(ErrorCodes.NotFound, $"no note carries #{folded}") : Results.Ok(snapshot);
        });
        return endpoints;
    }
}
