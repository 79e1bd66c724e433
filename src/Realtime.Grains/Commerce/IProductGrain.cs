using Orleans;
using Realtime.Contracts.Commerce;

namespace Realtime.Grains.Commerce;

/// <summary>A product on sale in a room (key: <see cref="ProductKeys.For"/>): exact stock, one order per clientOrderId.</summary>
[Alias("realtime.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Puts the product on sale; <c>conflict:</c> when it exists.</summary>
    [Alias("Create")]
    Task<Product> CreateAsync(CreateProductCommand command, CancellationToken cancellationToken = default);

    /// <summary>The product with its remaining units; null when it does not exist.</summary>
    [Alias("Get")]
    Task<Product?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Reserves units, answered once they are durable; a result without an order when too few are left.</summary>
    [Alias("Reserve")]
    Task<ReserveResult> ReserveAsync(ReserveCommand command, CancellationToken cancellationToken = default);

    /// <summary>The orders taken, oldest first (at most <paramref name="limit"/>).</summary>
    [Alias("ListOrders")]
    Task<IReadOnlyList<Order>> ListOrdersAsync(int limit, CancellationToken cancellationToken = default);
}
