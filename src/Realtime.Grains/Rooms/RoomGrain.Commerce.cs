using Realtime.Contracts.Commerce;
using Realtime.Contracts.Hub;
using Realtime.Grains.Commerce;
using Realtime.Grains.Common;

namespace Realtime.Grains.Rooms;

/// <summary>The room's shop: its products, the one on the stage, orders to the host and stock to viewers.</summary>
public sealed partial class RoomGrain
{
    /// <summary>Products a room may have.</summary>
    public const int MaxProducts = 100;

    private static readonly TimeSpan StockInterval = TimeSpan.FromMilliseconds(250);

    // Latest stock per product as the products report it, and when each was last sent to viewers.
    private readonly Dictionary<string, int> _remaining = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _stockSentAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stockDirty = new(StringComparer.Ordinal);

    Task<Product> IRoomGrain.AddProductAsync(string userId, string productId, CreateProductCommand command, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureHost(userId);
        if (State.Products.Count >= MaxProducts)
        {
            throw RealtimeException.Invalid($"a room sells at most {MaxProducts} products");
        }

        // The product exists before the room lists it, so a listed id always names a product.
        var product = await GrainFactory.GetGrain<IProductGrain>(ProductKeys.For(GrainKey, productId)).CreateAsync(command, cancellationToken);
        State.Products.Add(productId);
        Commit();
        return product;
    });

    Task<IReadOnlyList<string>> IRoomGrain.ListProductIdsAsync(string? hostId, CancellationToken cancellationToken) => Run<IReadOnlyList<string>>(() =>
    {
        if (hostId is null)
        {
            EnsureExists();
        }
        else
        {
            EnsureHost(hostId);
        }

        return State.Products.ToList();
    });

    Task IRoomGrain.PinProductAsync(string userId, string? productId, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureHost(userId);
        Product? product = null;
        if (productId is not null)
        {
            if (!State.Products.Contains(productId))
            {
                throw RealtimeException.NotFound($"no product {productId} in {GrainKey}");
            }

            product = await GrainFactory.GetGrain<IProductGrain>(ProductKeys.For(GrainKey, productId)).GetAsync(cancellationToken)
                ?? throw RealtimeException.NotFound($"no product {productId} in {GrainKey}");
            _remaining[productId] = product.Remaining;
        }

        State.PinnedProduct = product;
        Publish(Topic, HubEvents.ProductPinned, new ProductPinned(GrainKey, product));
        Commit();
    });

    Task IRoomGrain.ProductChangedAsync(string productId, int remaining, IReadOnlyList<Order> orders, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists();
        foreach (var order in orders)
        {
            Publish(Topics.RoomHost(GrainKey), HubEvents.OrderPlaced, order);
        }

        if (_remaining.GetValueOrDefault(productId, -1) != remaining)
        {
            _remaining[productId] = remaining;
            _stockDirty.Add(productId);
        }
    });

    /// <summary>Sends each product's stock that changed, at most once per <see cref="StockInterval"/> (called by the tick).</summary>
    private void PublishStock()
    {
        if (_stockDirty.Count == 0)
        {
            return;
        }

        var now = Environment.TickCount64;
        foreach (var productId in _stockDirty.ToList())
        {
            if (now - _stockSentAt.GetValueOrDefault(productId, long.MinValue / 2) >= StockInterval.TotalMilliseconds)
            {
                _stockSentAt[productId] = now;
                _stockDirty.Remove(productId);
                Publish(Topic, HubEvents.ProductStock, new ProductStock(GrainKey, productId, _remaining[productId]));
            }
        }
    }

    /// <summary>The pinned product with its latest known stock.</summary>
    private Product? PinnedProductNow() =>
        State.PinnedProduct is { } pinned && _remaining.TryGetValue(pinned.ProductId, out var remaining)
            ? pinned with { Remaining = remaining }
            : State.PinnedProduct;
}
