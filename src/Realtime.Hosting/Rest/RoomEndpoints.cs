using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Presence;
using Orleans;

namespace Realtime.Hosting.Rest;

/// <summary><c>/api/rooms</c>: create a room (the caller hosts it) and list live rooms.</summary>
public static class RoomEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    /// <summary>Maps the room endpoints.</summary>
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubPaths.Rooms, async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, RoomCatalog catalog, CancellationToken cancellationToken) =>
        {
            var hostId = user.FindFirst(RealtimeClaims.UserId)?.Value;
            if (hostId is null)
            {
                return ProblemResults.Problem("unauthenticated", "a bearer token is required");
            }

            var (body, error) = await JsonBody.ReadAsync<CreateRoomRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!ContractRules.IsValidId(body!.RoomId))
            {
                return ProblemResults.Invalid("roomId must match [A-Za-z0-9_-]{1,64}");
            }

            var title = ContractRules.NormalizeText(body.Title, 1, Limits.RoomTitleMax);
            if (title is null)
            {
                return ProblemResults.Invalid($"title must be 1-{Limits.RoomTitleMax} characters");
            }

            try
            {
                var summary = await grains.GetGrain<IRoomGrain>(body.RoomId!).CreateAsync(new CreateRoomCommand(title, hostId), cancellationToken);
                catalog.Remember(summary.RoomId, summary.HostId);

                // The room also registers itself on its next tick; this makes it listed at once.
                await grains.GetGrain<IRoomDirectoryGrain>(RoomDirectoryGrain.Key).UpsertAsync(summary, DateTimeOffset.UtcNow, cancellationToken);
                return Results.Created($"{HubPaths.Rooms}/{summary.RoomId}", summary);
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        }).RequireAuthorization();

        endpoints.MapGet(HubPaths.Rooms, async (int? limit, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var take = limit ?? DefaultLimit;
            if (take is < 1 or > MaxLimit)
            {
                return ProblemResults.Invalid($"limit must be 1-{MaxLimit}");
            }

            var rooms = await grains.GetGrain<IRoomDirectoryGrain>(RoomDirectoryGrain.Key).ListAsync(take, cancellationToken);
            return Results.Ok(rooms);
        });

        endpoints.MapGet(HubPaths.Rooms + "/{roomId}", async (string roomId, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            if (!ContractRules.IsValidId(roomId))
            {
                return ProblemResults.Invalid("roomId must match [A-Za-z0-9_-]{1,64}");
            }

            var summary = await grains.GetGrain<IRoomGrain>(roomId).GetSummaryAsync(cancellationToken);
            return summary is null ? ProblemResults.Problem("not_found", $"room {roomId} does not exist") : Results.Ok(summary);
        });
        return endpoints;
    }
}
