using System.Collections.Concurrent;
using Realtime.Client;
using Realtime.Contracts.Commerce;
using Xunit.Abstractions;

namespace Realtime.Cluster.Tests;

/// <summary>A flash sale across three silos, one of them killed in the middle of it.</summary>
public sealed class ClusterFlashSaleTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Stock = 150;
    private const int Buyers = 300;

    [Fact]
    public async Task ASigkillDuringAFlashSaleNeitherOversellsNorLosesNorRepeatsAnAcknowledgedOrder()
    {
        var silos = await cluster.StartSilosAsync(3);
        var victim = silos[2];
        var survivors = silos[..2];
        await using var clients = new ClusterClients(survivors[0]);
        var host = await clients.TokenAsync("seller");

        // Products created through the victim until it hosts one (placement decides), so the kill
        // moves a product that is being sold, not only connections.
        var sales = new List<(string RoomId, string ProductId)>();
        await ClusterFailoverTests.WaitUntilAsync(
            async () =>
            {
                var roomId = $"sale-{Guid.NewGuid():N}"[..20];
                await clients.RestOn(victim).CreateRoomAsync(roomId, "Flash sale", host);
                var product = await clients.RestOn(victim).CreateProductAsync(roomId, new CreateProductRequest("Tea set", 9900, "CNY", Stock, null), host);
                sales.Add((roomId, product.ProductId));
                return (await clients.SettledActivationsPerSiloAsync(victim, "ProductGrain", sales.Count)).GetValueOrDefault(ClusterFixture.OrleansPort(victim)) > 0;
            },
            TimeSpan.FromSeconds(60),
            "the victim silo never hosted a product");
        output.WriteLine($"{sales.Count} products, at least one on the victim");

        var buyers = new RealtimeClient[Buyers];
        await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            buyers[i] = await clients.ConnectAsync(survivors[i % 2], $"buyer{i}"));
        var acked = new ConcurrentDictionary<(string RoomId, string OrderId), string>();
        var soldOut = 0;
        var refusals = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sale = Task.WhenAll(buyers.SelectMany((buyer, i) => sales.Select(s => Task.Run(async () =>
        {
            // Each buyer taps Buy on every product at a moment within 4 s (so the sale spans the kill),
            // retrying an unavailable answer with the same order id.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(4000)));
            try
            {
                var ack = await ClusterFailoverTests.UntilAcknowledgedAsync(() => buyer.ReserveAsync(s.RoomId, s.ProductId, "tap"), () => Interlocked.Increment(ref refusals));
                Assert.True(acked.TryAdd((s.RoomId, ack.OrderId), $"buyer{i}"), $"order {ack.OrderId} acknowledged twice");
                if (acked.Count >= sales.Count * 10)
                {
                    started.TrySetResult();
                }
            }
            catch (RealtimeHubException e) when (e.Code == "sold_out")
            {
                Interlocked.Increment(ref soldOut);
            }
        }))));

        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        output.WriteLine($"killed the victim after {acked.Count} orders");
        await sale.WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"{acked.Count} orders, {soldOut} sold out, {refusals} calls answered unavailable and retried");

        foreach (var (roomId, productId) in sales)
        {
            var mine = acked.Where(a => a.Key.RoomId == roomId).ToList();
            var orders = await UntilAnsweredAsync(() => clients.RestOn(survivors[0]).ListOrdersAsync(roomId, host));
            var product = (await UntilAnsweredAsync(() => clients.RestOn(survivors[1]).ListProductsAsync(roomId))).Single();

            // Every buyer who was told "ordered" has exactly that order, nobody has two, and the stock adds up.
            Assert.Equal(mine.Select(a => a.Key.OrderId).Order(StringComparer.Ordinal), orders.Select(o => o.OrderId).Order(StringComparer.Ordinal));
            Assert.Equal(orders.Count, orders.Select(o => o.UserId).Distinct().Count());
            Assert.All(orders, o => Assert.Equal(acked[(roomId, o.OrderId)], o.UserId));
            Assert.Equal(Stock, mine.Count);
            Assert.Equal(0, product.Remaining);
        }
    }

    /// <summary>Retries a REST call answered 503 (its grain is moving to a survivor).</summary>
    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RealtimeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
