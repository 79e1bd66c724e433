using Realtime.Contracts.Commerce;
using Realtime.Contracts.Hub;

namespace Realtime.Client;

/// <summary>Live commerce: the stage and reservations.</summary>
public sealed partial class RealtimeClient
{
    /// <summary>Host only: puts a product on the stage, or clears it with null.</summary>
    public Task PinProductAsync(string roomId, string? productId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.PinProduct, [roomId, productId], cancellationToken);

    /// <summary>Reserves units of a product; a retry with the same <paramref name="clientOrderId"/> returns the same order.</summary>
    public Task<ReserveAck> ReserveAsync(string roomId, string productId, string clientOrderId, int quantity = 1, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<ReserveAck>(HubMethods.Reserve, [roomId, productId, clientOrderId, quantity], cancellationToken);

    /// <summary>The product on the stage changed.</summary>
    public IDisposable OnProductPinned(Action<ProductPinned> handler) => Connection.On(HubEvents.ProductPinned, handler);

    /// <summary>A product's remaining units (at most four times a second).</summary>
    public IDisposable OnProductStock(Action<ProductStock> handler) => Connection.On(HubEvents.ProductStock, handler);

    /// <summary>An order in one of the caller's rooms (hosts only).</summary>
    public IDisposable OnOrderPlaced(Action<Order> handler) => Connection.On(HubEvents.OrderPlaced, handler);
}
