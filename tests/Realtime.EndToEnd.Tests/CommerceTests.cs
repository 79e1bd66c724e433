using System.Net;
using System.Net.Http.Json;
using Realtime.Client;
using Realtime.Contracts.Commerce;
using Realtime.Contracts.Errors;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>Live commerce over REST and the hub of a real silo: products, the stage, reservations, orders.</summary>
public sealed class CommerceTests(NoteSiloFixture fixture) : IClassFixture<NoteSiloFixture>, IAsyncLifetime
{
    private readonly NoteWorld _world = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task AHostSellsAPinnedProductViewersSeeItLiveAndTheStockIsNeverOversold()
    {
        var host = NoteWorld.NewUser("host");
        var roomId = await _world.Clients.CreateRoomAsync(host);
        var hostToken = await _world.TokenAsync(host);
        var product = await _world.Rest.CreateProductAsync(roomId, new CreateProductRequest("Silk scarf", 19900, "CNY", 2, "https://example.com/scarf.jpg"), hostToken);
        var hostClient = await _world.ConnectAsync(host);
        var orders = new EventLog<Order>();
        hostClient.OnOrderPlaced(orders.Add);
        await hostClient.JoinRoomAsync(roomId);
        var viewer = await _world.ConnectAsync(NoteWorld.NewUser("viewer"));
        var (pins, stock) = (new EventLog<ProductPinned>(), new EventLog<ProductStock>());
        viewer.OnProductPinned(pins.Add);
        viewer.OnProductStock(stock.Add);
        await viewer.JoinRoomAsync(roomId);

        await hostClient.PinProductAsync(roomId, product.ProductId);
        var pinned = await pins.WaitAsync(p => p.Product is not null);
        var first = await viewer.ReserveAsync(roomId, product.ProductId, "o1");
        var retry = await viewer.ReserveAsync(roomId, product.ProductId, "o1");
        var second = await (await _world.ConnectAsync(NoteWorld.NewUser("buyer"))).ReserveAsync(roomId, product.ProductId, "o1");
        var late = await _world.ConnectAsync(NoteWorld.NewUser("late"));
        await HubAssert.FailsWith(ErrorCodes.SoldOut, () => late.ReserveAsync(roomId, product.ProductId, "o1"));

        Assert.Equal((product.ProductId, "Silk scarf", 19900L, "CNY", 2, 2), (pinned.Product!.ProductId, pinned.Product.Title, pinned.Product.PriceCents, pinned.Product.Currency, pinned.Product.Stock, pinned.Product.Remaining));
        Assert.Equal((1, false), (first.Remaining, first.Duplicate));
        Assert.Equal((first.OrderId, true), (retry.OrderId, retry.Duplicate));
        Assert.Equal(0, second.Remaining);
        await stock.WaitAsync(s => s.ProductId == product.ProductId && s.Remaining == 0);
        await orders.WaitAsync(o => o.OrderId == second.OrderId);
        Assert.Equal([first.OrderId, second.OrderId], (await _world.Rest.ListOrdersAsync(roomId, hostToken)).Select(o => o.OrderId));
        Assert.Equal(0, (await _world.Rest.ListProductsAsync(roomId)).Single().Remaining);
        Assert.Equal(0, (await late.JoinRoomAsync(roomId)).PinnedProduct!.Remaining);
    }

    [Fact]
    public async Task OnlyTheHostAddsPinsAndReadsOrdersAndBadProductsAreRefused()
    {
        var host = NoteWorld.NewUser("host");
        var roomId = await _world.Clients.CreateRoomAsync(host);
        var hostToken = await _world.TokenAsync(host);
        var other = NoteWorld.NewUser("other");
        var otherToken = await _world.TokenAsync(other);
        var good = new CreateProductRequest("Tea", 500, "CNY", 3, null);

        var forbidden = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.CreateProductAsync(roomId, good, otherToken));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.ListOrdersAsync(roomId, otherToken))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.CreateProductAsync("no-room", good, hostToken))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _world.Clients.Http.PostAsJsonAsync($"api/rooms/{roomId}/products", good)).StatusCode);
        foreach (var bad in new[]
        {
            good with { Title = " " }, good with { PriceCents = -1 }, good with { PriceCents = null }, good with { Currency = "yuan" },
            good with { Stock = 0 }, good with { Stock = 2_000_000 }, good with { ImageUrl = "javascript:alert(1)" },
        })
        {
            var e = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.CreateProductAsync(roomId, bad, hostToken));
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (e.StatusCode, e.Code));
        }

        Assert.Empty(await _world.Rest.ListProductsAsync(roomId));
        var product = await _world.Rest.CreateProductAsync(roomId, good, hostToken);
        var otherClient = await _world.ConnectAsync(other);
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => otherClient.PinProductAsync(roomId, product.ProductId));
        var hostClient = await _world.ConnectAsync(host);
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => hostClient.PinProductAsync(roomId, "p-none"));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => otherClient.ReserveAsync(roomId, product.ProductId, "c", 0));
        await HubAssert.FailsWith(ErrorCodes.Invalid, () => otherClient.ReserveAsync(roomId, product.ProductId, "c", 11));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => otherClient.ReserveAsync(roomId, "p-none", "c", 1));
        await HubAssert.FailsWith(ErrorCodes.Unauthenticated, async () => await (await _world.ConnectAsync(null)).ReserveAsync(roomId, product.ProductId, "c", 1));
        Assert.Equal(3, (await _world.Rest.ListProductsAsync(roomId)).Single().Remaining);
    }
}
