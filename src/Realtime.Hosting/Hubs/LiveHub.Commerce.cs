using Realtime.Contracts.Commerce;
using Realtime.Contracts.Validation;
using Realtime.Grains.Commerce;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Hosting.RateLimiting;

namespace Realtime.Hosting.Hubs;

/// <summary>Live commerce: the host's stage and viewers' reservations.</summary>
public sealed partial class LiveHub
{
    /// <summary>Host only: puts one of the room's products on the stage, or clears it with null.</summary>
    public Task PinProduct(string roomId, string? productId)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        if (productId is not null)
        {
            HubInput.RequireId(productId, nameof(productId));
        }

        return grains.GetGrain<IRoomGrain>(roomId).PinProductAsync(caller.UserId, productId, Context.ConnectionAborted);
    }

    /// <summary>Reserves <paramref name="quantity"/> units; answered once durable, or <c>sold_out:</c>.</summary>
    public async Task<ReserveAck> Reserve(string roomId, string productId, string clientOrderId, int quantity)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        HubInput.RequireId(productId, nameof(productId));
        HubInput.RequireId(clientOrderId, nameof(clientOrderId));
        if (quantity is < 1 or > Limits.OrderQuantityMax)
        {
            throw RealtimeException.Invalid($"quantity must be 1-{Limits.OrderQuantityMax}");
        }

        // The product answers a retry of an order it has as a duplicate before it looks at the limit.
        var overLimit = !limiter.TryAcquire(caller.UserId, RateLimitKind.Reserve);
        var result = await grains.GetGrain<IProductGrain>(ProductKeys.For(roomId, productId))
            .ReserveAsync(new ReserveCommand(caller.UserId, caller.DisplayName, clientOrderId, quantity, overLimit), Context.ConnectionAborted);
        return result.Ack ?? throw new RealtimeException(
            "sold_out", result.Remaining == 0 ? $"{result.Title} is sold out" : $"only {result.Remaining} of {result.Title} left");
    }
}
