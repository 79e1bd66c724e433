using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Realtime.Benchmarks.Support;

/// <summary>Counts what a set of fake connections was sent; wakes a waiter at a target count.</summary>
public sealed class DeliveryCounter
{
    private readonly ManualResetEventSlim _reached = new(false);
    private long _flushes;
    private long _bytes;
    private long _target = long.MaxValue;

    public long Flushes => Interlocked.Read(ref _flushes);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Starts counting towards <paramref name="target"/> (in <paramref name="unit"/>s) from zero.</summary>
    public void Expect(long target, CountUnit unit = CountUnit.Flushes)
    {
        Unit = unit;
        _reached.Reset();
        Interlocked.Exchange(ref _flushes, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _target, target);
    }

    public CountUnit Unit { get; private set; }

    /// <summary>Waits until the target is reached; false on timeout.</summary>
    public bool Wait(TimeSpan timeout) => _reached.Wait(timeout);

    internal void Flushed(long bytes)
    {
        var flushes = Interlocked.Increment(ref _flushes);
        var total = Interlocked.Add(ref _bytes, bytes);
        if ((Unit == CountUnit.Flushes ? flushes : total) == Interlocked.Read(ref _target))
        {
            _reached.Set();
        }
    }

    internal void Consumed(long bytes)
    {
        if (Interlocked.Add(ref _bytes, bytes) == Interlocked.Read(ref _target))
        {
            _reached.Set();
        }
    }
}

public enum CountUnit
{
    Flushes,
    Bytes,
}

/// <summary>
/// A transport output that keeps nothing: it hands out one reused buffer and counts bytes and
/// flushes. Optionally it holds every flush until <see cref="Release"/> (a viewer whose socket
/// stopped draining), and it can keep what it was sent, to check order.
/// </summary>
public sealed class SinkPipeWriter(DeliveryCounter? counter = null, bool record = false) : PipeWriter
{
    private readonly List<byte> _recorded = [];
    private byte[] _buffer = new byte[4096];
    private int _unflushed;
    private TaskCompletionSource<FlushResult>? _held;

    public long Flushes { get; private set; }

    /// <summary>When true, each flush waits for <see cref="Release"/>.</summary>
    public bool Stuck { get; set; }

    public string Recorded
    {
        get
        {
            lock (_recorded)
            {
                return System.Text.Encoding.UTF8.GetString([.. _recorded]);
            }
        }
    }

    public void Release()
    {
        Stuck = false;
        Interlocked.Exchange(ref _held, null)?.TrySetResult(default);
    }

    public override void Advance(int bytes)
    {
        if (record)
        {
            lock (_recorded)
            {
                _recorded.AddRange(_buffer.AsSpan(0, bytes));
            }
        }

        _unflushed += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _buffer.Length)
        {
            _buffer = new byte[Math.Max(sizeHint, _buffer.Length * 2)];
        }

        return _buffer;
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        var bytes = _unflushed;
        _unflushed = 0;
        Flushes++;
        counter?.Flushed(bytes);
        if (Stuck)
        {
            var held = new TaskCompletionSource<FlushResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = held;
            return new ValueTask<FlushResult>(held.Task);
        }

        return new ValueTask<FlushResult>(default(FlushResult));
    }

    public override void CancelPendingFlush() => Release();

    public override void Complete(Exception? exception = null)
    {
    }
}

/// <summary>A connection's two pipe ends.</summary>
public sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}

/// <summary>A transport connection with nothing behind it.</summary>
public sealed class FakeConnectionContext(string id, IDuplexPipe transport) : ConnectionContext
{
    public override string ConnectionId { get; set; } = id;

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; } = transport;
}

/// <summary>A hub connection past its handshake, speaking the JSON protocol.</summary>
public sealed class FakeHubConnection(ConnectionContext connection, IHubProtocol protocol)
    : HubConnectionContext(connection, Options, NullLoggerFactory.Instance)
{
    private static readonly HubConnectionContextOptions Options = new()
    {
        KeepAliveInterval = TimeSpan.FromSeconds(15),
        ClientTimeoutInterval = TimeSpan.FromSeconds(30),
        StreamBufferCapacity = 10,
        MaximumParallelInvocations = 1,
    };

    public override IHubProtocol Protocol => protocol;

    public static IHubProtocol Json { get; } = new JsonHubProtocol(Microsoft.Extensions.Options.Options.Create(new JsonHubProtocolOptions()));

    /// <summary>A connection whose transport output is <paramref name="output"/>.</summary>
    public static FakeHubConnection Create(string id, PipeWriter output, IHubProtocol? protocol = null) =>
        new(new FakeConnectionContext(id, new DuplexPipe(new Pipe().Reader, output)), protocol ?? Json);
}
