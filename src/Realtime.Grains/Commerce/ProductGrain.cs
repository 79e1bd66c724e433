using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Contracts.Commerce;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Grains.Rooms;
using Realtime.Storage;

namespace Realtime.Grains.Commerce;

/// <summary>
/// A product's stock and orders. A flash sale is this grain's hot path: reservations that arrive
/// while a write is in flight share the next one (group commit), each is answered once durable,
/// and refusals (sold out) cost no write at all. The room hears of new orders and the stock after
/// each commit, one call at a time, and coalesces what viewers see.
/// </summary>
public sealed class ProductGrain(
    [PersistentState(ProductGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<ProductState>> state,
    DurableGrainServices services,
    IClock clock,
    ILogger<ProductGrain> logger) : DurableGrain<ProductState>(state, services), IProductGrain
{
    /// <summary>The product's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "product";

    private static readonly TimeSpan RoomRetry = TimeSpan.FromSeconds(1);

    private const int RecentOrders = 1_000;

    private readonly DedupeIndex<ReserveAck> _dedupe = new(100_000);

    // Orders of the write under way; then, once durable, orders the room has not heard of yet.
    private readonly List<Order> _uncommitted = [];
    private readonly List<Order> _toTell = [];

    // The latest durable orders, for listings while the log store may still be catching up.
    private readonly List<Order> _recent = [];
    private long _committedSeq;
    private int _toldRemaining = -1;
    private bool _telling;

    private string RoomId => ProductKeys.RoomOf(GrainKey);

    private string ProductId => ProductKeys.ProductOf(GrainKey);

    protected override string LogType => StateName;

    protected override Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        // Keys of earlier activations are in the log only: a miss is checked there.
        _dedupe.Complete = State.Orders == 0;
        _committedSeq = State.Orders;
        RegisterTick(
            () =>
            {
                // Outside the turn: a slow room never holds up reservations.
                _ = TellRoomAsync();
                return Task.CompletedTask;
            },
            RoomRetry);
        return Task.CompletedTask;
    }

    protected override object? CaptureCommit() => State.Orders;

    protected override void OnCommitted(object? captured)
    {
        var orders = (long)captured!;
        var durable = _uncommitted.Where(o => OrderSeq(o) <= orders).ToList();
        _uncommitted.RemoveRange(0, durable.Count);
        _toTell.AddRange(durable);
        _recent.AddRange(durable);
        if (_recent.Count > RecentOrders)
        {
            _recent.RemoveRange(0, _recent.Count - RecentOrders);
        }

        _committedSeq = orders;
        _ = TellRoomAsync();
    }

    Task<Product> IProductGrain.CreateAsync(CreateProductCommand command, CancellationToken cancellationToken) => Run(() =>
    {
        if (StateExists || State.CreatedAt != default)
        {
            throw RealtimeException.Conflict($"product {ProductId} exists");
        }

        State.Title = command.Title;
        State.PriceCents = command.PriceCents;
        State.Currency = command.Currency;
        State.Stock = command.Stock;
        State.Remaining = command.Stock;
        State.ImageUrl = command.ImageUrl;
        State.CreatedAt = clock.UtcNow;
        Commit();
        return ToProduct();
    });

    Task<Product?> IProductGrain.GetAsync(CancellationToken cancellationToken) => Run(() => StateExists ? ToProduct() : null);

    async Task<ReserveResult> IProductGrain.ReserveAsync(ReserveCommand command, CancellationToken cancellationToken)
    {
        var dedupeKey = command.UserId + "\n" + command.ClientOrderId;
        var stored = _dedupe.NeedsLookup(dedupeKey) ? await FindLogAsync(dedupeKey, cancellationToken) : null;
        return await Run(() => Reserve(command, dedupeKey, stored));
    }

    private ReserveResult Reserve(ReserveCommand command, string dedupeKey, LogRecord? stored)
    {
        if (!StateExists)
        {
            throw RealtimeException.NotFound($"no product {ProductId} in room {RoomId}");
        }

        if (_dedupe.Resolve(dedupeKey, stored, r => new ReserveAck(GrainJson.Deserialize<Order>(r.Payload).OrderId, State.Remaining, true)) is { } duplicate)
        {
            if (OrderSeq(duplicate.OrderId) > _committedSeq)
            {
                // The original is in the write under way: answer once it is durable.
                Commit();
            }

            return new ReserveResult(duplicate, State.Remaining, State.Title);
        }

        if (command.OverRateLimit)
        {
            throw new RealtimeException("rate_limited", "too many orders; slow down");
        }

        if (command.Quantity > State.Remaining)
        {
            return new ReserveResult(null, State.Remaining, State.Title);
        }

        State.Remaining -= command.Quantity;
        var seq = ++State.Orders;
        var order = new Order(
            OrderIdFor(seq), RoomId, ProductId, command.UserId, command.DisplayName, command.Quantity, State.PriceCents, State.Currency, clock.UtcNow);
        AppendLog(new LogRecord(seq, dedupeKey, GrainJson.Serialize(order)));
        _uncommitted.Add(order);
        var ack = new ReserveAck(order.OrderId, State.Remaining, false);
        _dedupe.Remember(dedupeKey, ack with { Duplicate = true });
        Commit();
        return new ReserveResult(ack, State.Remaining, State.Title);
    }

    Task<IReadOnlyList<Order>> IProductGrain.ListOrdersAsync(int limit, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var records = await ReadLogAsync(0, limit, cancellationToken);
        var orders = records.Select(r => GrainJson.Deserialize<Order>(r.Payload)).ToList();

        // The newest durable orders may not be in the log store yet.
        var last = orders.Count == 0 ? 0 : OrderSeq(orders[^1]);
        orders.AddRange(_recent.Where(o => OrderSeq(o) > last));
        return (IReadOnlyList<Order>)orders.Where(o => OrderSeq(o) <= _committedSeq).Take(limit).ToList();
    });

    /// <summary>
    /// Tells the room the durable orders and stock, one call at a time, between turns; a failure is
    /// retried by the tick. (Orders told once more after a lost answer show twice in the host's live
    /// list at worst; the orders listing is exact.)
    /// </summary>
    private async Task TellRoomAsync()
    {
        if (_telling || !StateExists)
        {
            return;
        }

        var orders = _toTell.ToList();
        var remaining = State.Remaining + _uncommitted.Sum(o => o.Quantity);
        if (orders.Count == 0 && remaining == _toldRemaining)
        {
            return;
        }

        _telling = true;
        try
        {
            await GrainFactory.GetGrain<IRoomGrain>(RoomId).ProductChangedAsync(ProductId, remaining, orders);
            _toTell.RemoveRange(0, orders.Count);
            _toldRemaining = remaining;
        }
        catch (Exception e)
        {
            CommerceLog.RoomUpdateFailed(logger, GrainKey, e);
        }
        finally
        {
            _telling = false;
        }
    }

    private Product ToProduct() =>
        new(ProductId, RoomId, State.Title, State.PriceCents, State.Currency, State.Stock, State.Remaining, State.ImageUrl, State.CreatedAt);

    private static string OrderIdFor(long seq) => "o" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long OrderSeq(string orderId) => long.Parse(orderId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    private static long OrderSeq(Order order) => OrderSeq(order.OrderId);
}
