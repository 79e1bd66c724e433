using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Benchmarks.Support;

namespace Realtime.Benchmarks.GroupSend;

/// <summary>
/// What coalescing a tick's events per connection saves. <see cref="Events"/> chat events go
/// to a room of <see cref="Connections"/> viewers whose transport is a real <see cref="Pipe"/>
/// drained by a reader loop on the thread pool, as a WebSocket transport drains it; the benchmark
/// ends when every reader has consumed every byte. The baseline makes each event its own group send: one
/// write and one flush per event per connection, and each flush may wake that connection's reader.
/// The alternative frames the batch once (the same bytes) and writes it to each connection with
/// one write and one flush, as the silo's fan-out now does (<c>HubEventBridge</c> through
/// <c>FanoutHubLifetimeManager</c>, measured in <c>HubEventBridgeBenchmarks</c>); this isolates the
/// mechanism from the bridge.
/// </summary>
public class CoalescingBenchmarks
{
    private const string Group = "room/r1";
    private readonly DeliveryCounter _counter = new();
    private readonly List<(Pipe Pipe, Task Reader)> _pipes = [];
    private DefaultHubLifetimeManager<BenchHub> _manager = null!;
    private FakeHubConnection[] _connections = null!;
    private object?[][] _arguments = null!;
    private long _bytesPerConnection;

    [Params(100, 1000)]
    public int Connections { get; set; }

    [Params(4, 16)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _manager = new DefaultHubLifetimeManager<BenchHub>(NullLogger<DefaultHubLifetimeManager<BenchHub>>.Instance);
        _connections = new FakeHubConnection[Connections];
        for (var i = 0; i < Connections; i++)
        {
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, readerScheduler: PipeScheduler.ThreadPool, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));
            _pipes.Add((pipe, DrainAsync(pipe.Reader, _counter)));
            _connections[i] = FakeHubConnection.Create($"c{i}", pipe.Writer);
            _manager.OnConnectedAsync(_connections[i]).GetAwaiter().GetResult();
            _manager.AddToGroupAsync($"c{i}", Group).GetAwaiter().GetResult();
        }

        var text = ChatPayloads.Text(40);
        _arguments = [.. Enumerable.Range(1, Events).Select(seq => new object?[] { ChatPayloads.Message(seq, text) })];
        _bytesPerConnection = Frame().Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (pipe, reader) in _pipes)
        {
            pipe.Writer.Complete();
            reader.GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "a group send per event (write+flush per event per viewer)")]
    public async Task GroupSendPerEvent()
    {
        _counter.Expect(_bytesPerConnection * Connections, CountUnit.Bytes);
        foreach (var arguments in _arguments)
        {
            await _manager.SendGroupAsync(Group, "chat", arguments).ConfigureAwait(false);
        }

        Wait();
    }

    [Benchmark(Description = "the batch framed once, one write+flush per viewer")]
    public async Task OneWritePerViewer()
    {
        _counter.Expect(_bytesPerConnection * Connections, CountUnit.Bytes);
        var message = new SerializedHubMessage([new SerializedMessage(FakeHubConnection.Json.Name, Frame())]);
        foreach (var connection in _connections)
        {
            await connection.WriteAsync(message).ConfigureAwait(false);
        }

        Wait();
    }

    private ReadOnlyMemory<byte> Frame()
    {
        var buffer = new ArrayBufferWriter<byte>(512 * Events);
        foreach (var arguments in _arguments)
        {
            FakeHubConnection.Json.WriteMessage(new InvocationMessage("chat", arguments), buffer);
        }

        return buffer.WrittenMemory;
    }

    private void Wait()
    {
        if (!_counter.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"readers consumed {_counter.Bytes} bytes");
        }
    }

    private static async Task DrainAsync(PipeReader reader, DeliveryCounter counter)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var length = result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (length > 0)
            {
                counter.Consumed(length);
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
