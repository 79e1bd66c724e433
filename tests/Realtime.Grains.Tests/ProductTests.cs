using Realtime.Contracts.Commerce;
using Realtime.Contracts.Hub;
using Realtime.Grains.Commerce;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A product's stock under a flash sale: exact, once per clientOrderId, durable before the answer.</summary>
public sealed class ProductTests() : RoomTestBase(shared: null)
{
    [Fact]
    public async Task A_thousand_buyers_at_once_get_exactly_the_stock_and_the_rest_are_told_it_is_sold_out()
    {
        var (roomId, product) = await CreateProductAsync(stock: 100);
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Product(roomId, product).ReserveAsync(new ReserveCommand($"buyer{i}", "B", "c1", 1))));

        var orders = results.Where(r => r.Ack is not null).Select(r => r.Ack!).ToList();
        Assert.Equal(100, orders.Count);
        Assert.Equal(100, orders.Select(o => o.OrderId).Distinct().Count());
        Assert.All(results.Where(r => r.Ack is null), r => Assert.Equal(0, r.Remaining));
        Assert.Equal(0, (await Product(roomId, product).GetAsync())!.Remaining);
        Assert.Equal(100, (await Product(roomId, product).ListOrdersAsync(1000)).Count);
    }

    [Fact]
    public async Task A_retried_order_is_answered_with_the_original_even_after_a_crash()
    {
        var (roomId, product) = await CreateProductAsync(stock: 5);
        var first = (await Product(roomId, product).ReserveAsync(new ReserveCommand("ann", "Ann", "c1", 2))).Ack!;
        var again = (await Product(roomId, product).ReserveAsync(new ReserveCommand("ann", "Ann", "c1", 2))).Ack!;

        await RestartAsync(crash: true);
        var afterCrash = (await Product(roomId, product).ReserveAsync(new ReserveCommand("ann", "Ann", "c1", 2))).Ack!;

        Assert.Equal((first.OrderId, 3, false), (first.OrderId, first.Remaining, first.Duplicate));
        Assert.Equal((first.OrderId, true), (again.OrderId, again.Duplicate));
        Assert.Equal((first.OrderId, true), (afterCrash.OrderId, afterCrash.Duplicate));
        Assert.Equal(3, (await Product(roomId, product).GetAsync())!.Remaining);
        var refused = await Product(roomId, product).ReserveAsync(new ReserveCommand("bob", "Bob", "c1", 4));
        Assert.Equal((null, 3), (refused.Ack, refused.Remaining));
    }

    [Fact]
    public async Task Viewers_see_the_stock_and_the_host_sees_every_order()
    {
        var (roomId, product) = await CreateProductAsync(stock: 10);
        await Host.SubscribeAsync(Topics.RoomHost(roomId));
        await Room(roomId).PinProductAsync(HostUser, product);
        var pinned = await Events.WaitForAsync<ProductPinned>(HubEvents.ProductPinned, p => p.RoomId == roomId, "the pinned product");

        var acks = new List<ReserveAck>();
        for (var i = 0; i < 4; i++)
        {
            acks.Add((await Product(roomId, product).ReserveAsync(new ReserveCommand($"b{i}", "B", "c", 1))).Ack!);
        }

        await Events.WaitForAsync<ProductStock>(HubEvents.ProductStock, s => s.ProductId == product && s.Remaining == 6, "the stock after four orders");
        foreach (var ack in acks)
        {
            await Events.WaitForAsync<Order>(HubEvents.OrderPlaced, o => o.OrderId == ack.OrderId, "order " + ack.OrderId);
        }

        Assert.Equal((product, 10), (pinned.Product!.ProductId, pinned.Product.Remaining));
        Assert.Equal(6, (await JoinAsync(roomId)).PinnedProduct!.Remaining);
    }

    [Fact]
    public async Task Only_the_host_adds_and_pins_products_and_an_unknown_product_is_not_found()
    {
        var (roomId, product) = await CreateProductAsync(stock: 1);

        await RefusedAsync("forbidden", () => Room(roomId).AddProductAsync("someone", "p2", new CreateProductCommand("Tea", 100, "CNY", 1, null)));
        await RefusedAsync("forbidden", () => Room(roomId).PinProductAsync("someone", product));
        await RefusedAsync("not_found", () => Room(roomId).PinProductAsync(HostUser, "p-none"));
        await RefusedAsync("not_found", () => Product(roomId, "p-none").ReserveAsync(new ReserveCommand("ann", "Ann", "c", 1)));
        Assert.Equal([product], await Room(roomId).ListProductIdsAsync(null));
    }

    private IProductGrain Product(string roomId, string productId) => Host.Grains.GetGrain<IProductGrain>(ProductKeys.For(roomId, productId));

    private async Task<(string RoomId, string ProductId)> CreateProductAsync(int stock)
    {
        var roomId = await CreateRoomAsync();
        var productId = "p" + Guid.NewGuid().ToString("N")[..8];
        await Room(roomId).AddProductAsync(HostUser, productId, new CreateProductCommand("Silk scarf", 19900, "CNY", stock, null));
        return (roomId, productId);
    }
}
