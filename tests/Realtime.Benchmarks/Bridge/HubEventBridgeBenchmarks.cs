using BenchmarkDotNet.Attributes;
using Realtime.Benchmarks.Support;
using Realtime.Runtime.Events;

namespace Realtime.Benchmarks.Bridge;

/// <summary>
/// The silo's fan-out from a grain's event batch to a room's viewers: <c>HubEventBridge.Deliver</c>
/// of <see cref="Events"/> chat events for one room, then its loop's group sends to
/// <see cref="Connections"/> fake connections, until every connection's transport was flushed
/// once per event. The baseline makes the same group sends directly, without the bridge.
/// </summary>
public class HubEventBridgeBenchmarks
{
    private const string Topic = "room/r1";
    private readonly DeliveryCounter _counter = new();
    private BridgeHost _host = null!;
    private GrainEvent[] _batch = null!;

    [Params(100, 1000)]
    public int Connections { get; set; }

    [Params(1, 16)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = new BridgeHost();
        for (var i = 0; i < Connections; i++)
        {
            _host.Connect($"c{i}", new SinkPipeWriter(_counter), Topic);
        }

        var text = ChatPayloads.Text(40);
        _batch = [.. Enumerable.Range(1, Events).Select(seq => new GrainEvent(Topic, "chat", ChatPayloads.Message(seq, text)))];
        _host.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "group sends without the bridge")]
    public async Task DirectGroupSends()
    {
        _counter.Expect((long)Connections * Events);
        foreach (var e in _batch)
        {
            await _host.Manager.SendGroupAsync(e.Topic, e.Name, [e.Payload]).ConfigureAwait(false);
        }

        Wait();
    }

    [Benchmark(Description = "HubEventBridge.Deliver + loop")]
    public void Bridge()
    {
        _counter.Expect((long)Connections * Events);
        _host.Bridge.Deliver(_batch);
        Wait();
    }

    private void Wait()
    {
        if (!_counter.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{_counter.Flushes} of {Connections * Events} deliveries arrived");
        }
    }
}
