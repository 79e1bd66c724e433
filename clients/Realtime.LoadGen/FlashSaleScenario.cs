using Realtime.Client;
using Realtime.Contracts.Commerce;

namespace Realtime.LoadGen;

/// <summary>
/// A flash sale: one room, a pinned product with S units, N signed-in viewers who each tap Buy
/// once at a random moment within one second. Checks that exactly S orders were taken, none
/// twice, and that the product has none left; reports how long orders and refusals took.
/// </summary>
internal sealed class FlashSaleScenario(ScenarioContext context)
{
    private static readonly TimeSpan TapWindow = TimeSpan.FromSeconds(1);

    private readonly LoadGenOptions _options = context.Options;
    private readonly LatencyHistogram _orders = new();
    private readonly LatencyHistogram _soldOut = new();
    private readonly string _roomId = ScenarioContext.NewRoomId("lg-sale");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _acked = new(StringComparer.Ordinal);
    private string _productId = "";
    private long _soldOutAnswers;
    private int _joined;
    private volatile string _phase = "connecting";

    public async Task<FlashSaleResult> RunAsync(CancellationToken cancellationToken)
    {
        var log = context.Log;
        var hostToken = await context.CreateRoomAsync(_roomId, cancellationToken).ConfigureAwait(false);
        var product = await context.Rest.CreateProductAsync(
            _roomId, new CreateProductRequest("Flash sale", 9900, "CNY", _options.Stock, null), hostToken, cancellationToken).ConfigureAwait(false);
        _productId = product.ProductId;
        log.WriteLine($"room {_roomId}: {_options.Viewers} viewers, {_options.Stock} units of {product.ProductId}");
        var viewers = new RealtimeClient?[_options.Viewers];
        await using var progress = new ProgressReporter(log, context.SiloPid, () =>
            $"{_phase}: viewers {Volatile.Read(ref _joined)}/{_options.Viewers} joined, orders {_acked.Count}, sold out {Interlocked.Read(ref _soldOutAnswers)}, errors {context.Errors.Total}");
        try
        {
            var tokens = await context.TokensAsync(_roomId + "-v", _options.Viewers, cancellationToken).ConfigureAwait(false);
            await context.ForEachAsync(_options.Viewers, (i, ct) => OpenViewerAsync(viewers, tokens[i], i, ct), cancellationToken).ConfigureAwait(false);
            var host = await context.ConnectClientAsync(hostToken, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the host could not connect");
            await using (host.ConfigureAwait(false))
            {
                await host.PinProductAsync(_roomId, product.ProductId, cancellationToken).ConfigureAwait(false);
            }

            _phase = "selling";
            var window = new MeasurementWindow(context.SiloPid);
            window.Begin();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var random = new Random(20261204);
            var taps = viewers.Select((viewer, i) => (viewer, i, at: TimeSpan.FromMilliseconds(random.NextDouble() * TapWindow.TotalMilliseconds)))
                .Where(t => t.viewer is not null)
                .Select(t => BuyAsync(t.viewer!, t.i, started, t.at, cancellationToken))
                .ToList();
            await Task.WhenAll(taps).ConfigureAwait(false);
            window.End();

            _phase = "checking";
            var orders = await context.Rest.ListOrdersAsync(_roomId, hostToken, cancellationToken).ConfigureAwait(false);
            var remaining = (await context.Rest.ListProductsAsync(_roomId, cancellationToken).ConfigureAwait(false)).Single().Remaining;
            var duplicates = orders.Count - orders.Select(o => o.UserId).Distinct(StringComparer.Ordinal).Count();
            var exact = _acked.Count == _options.Stock && orders.Count == _options.Stock && duplicates == 0 && remaining == 0
                && orders.Select(o => o.OrderId).Order(StringComparer.Ordinal).SequenceEqual(_acked.Values.Order(StringComparer.Ordinal));
            return new FlashSaleResult(
                Scenario: _options.Scenario,
                Target: context.BaseUri.ToString(),
                Viewers: _options.Viewers,
                ViewersJoined: Volatile.Read(ref _joined),
                Stock: _options.Stock,
                OrdersAcknowledged: _acked.Count,
                SoldOutAnswers: Interlocked.Read(ref _soldOutAnswers),
                OrdersListed: orders.Count,
                DuplicateOrders: duplicates,
                RemainingAfter: remaining,
                Exact: exact,
                TapSeconds: Math.Round(window.Seconds, 3),
                OrderAckMs: _orders.Summarize(),
                SoldOutAckMs: _soldOut.Summarize(),
                Errors: context.Errors.Total,
                ErrorsByKind: context.Errors.Snapshot(),
                SiloCpuSeconds: window.SiloCpuSeconds is { } cpu ? Math.Round(cpu, 3) : null,
                LoadGenCpuSeconds: window.LoadGenCpuSeconds is { } own ? Math.Round(own, 3) : null);
        }
        finally
        {
            _phase = "closing";
            await context.CloseAllAsync(viewers).ConfigureAwait(false);
        }
    }

    private async ValueTask OpenViewerAsync(RealtimeClient?[] viewers, string token, int index, CancellationToken cancellationToken)
    {
        if (await context.OpenViewerAsync(viewers, index, token, _roomId, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _joined);
        }
    }

    /// <summary>One tap at its moment; a call answered <c>unavailable</c> is retried with the same order id, which makes it safe.</summary>
    private async Task BuyAsync(RealtimeClient viewer, int index, long started, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var sent = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var ack = await viewer.ReserveAsync(_roomId, _productId, "buy", 1, cancellationToken).ConfigureAwait(false);
                _orders.RecordTicks(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
                _acked[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ack.OrderId;
                return;
            }
            catch (RealtimeHubException e) when (e.Code == "sold_out")
            {
                _soldOut.RecordTicks(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
                Interlocked.Increment(ref _soldOutAnswers);
                return;
            }
            catch (RealtimeHubException e) when (e.Code == "unavailable")
            {
                context.Errors.Add("unavailable (retried)", e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                context.Errors.Add("reserve", e);
                return;
            }
        }
    }

}
