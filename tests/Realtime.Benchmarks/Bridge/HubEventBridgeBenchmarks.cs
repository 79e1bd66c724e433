using BenchmarkDotNet.Attributes;
using Realtime.Benchmarks.Support;
using Realtime.Grains.Events;
using Realtime.Hosting.Events;

namespace Realtime.Benchmarks.Bridge;

/// <summary>
/// The silo's fan-out from a grain's event batch to a room's viewers: <c>HubEventBridge.Deliver</c>
/// of <see cref="Events"/> chat events for one room, then its loop's coalesced writes to
/// <see cref="Connections"/> fake connections, until every connection's transport was handed
/// every event's bytes. The baseline makes a group send per event through SignalR's default
/// lifetime manager, the plain way.
/// </summary>
public class HubEventBridgeBenchmarks
{
    private const string Topic = "room/r1";
    private readonly DeliveryCounter _counter = new();
    private BridgeHost _host = null!;
    private GrainEvent[] _batch = null!;
    private long _bytes;

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
        _bytes = Connections * _host.FrameBytes(_batch);
        _host.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "SignalR group send per event")]
    public async Task DirectGroupSends()
    {
        _counter.Expect(_bytes, CountUnit.Bytes);
        foreach (var e in _batch)
        {
            await _host.Default.SendGroupAsync(e.Topic, e.Name, [e.Payload]).ConfigureAwait(false);
        }

        Wait();
    }

    [Benchmark(Description = "HubEventBridge.Deliver + coalesced writes")]
    public void Bridge()
    {
        _counter.Expect(_bytes, CountUnit.Bytes);
        _host.Bridge.Deliver(_batch);
        Wait();
    }

    private void Wait()
    {
        if (!_counter.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{_counter.Bytes} of {_bytes} bytes arrived");
        }
    }
}
