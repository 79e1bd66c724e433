using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;

namespace Realtime.Benchmarks.Grains;

/// <summary>
/// Grain turns through the runtime as a silo composes it (AddGrainRuntime + AddGrain): the
/// reference (DispatchProxy), the call message, the activation's queue and turn loop, the method
/// dispatch and the result. <see cref="Callers"/> calls are started together and then awaited, so
/// with writes the group commit batches them. Times are for all <see cref="Callers"/> calls.
/// </summary>
public class GrainCallBenchmarks
{
    private ServiceProvider _provider = null!;
    private IGrainFactory _factory = null!;
    private ICounterGrain _grain = null!;
    private Task<long>[] _reads = null!;
    private Task[] _touches = null!;
    private long _writeCalls;

    /// <summary>Concurrent callers of one grain.</summary>
    [Params(1, 16, 128)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.AddSingleton<IEventSink, DiscardingEventSink>();
        services.AddGrainRuntime(new ConfigurationBuilder().Build());
        services.AddGrain<ICounterGrain, CounterGrain>(CounterGrain.TypeName);
        _provider = services.BuildServiceProvider();
        _factory = _provider.GetRequiredService<IGrainFactory>();
        _grain = _factory.GetGrain<ICounterGrain>("c1");
        _grain.ReadAsync().GetAwaiter().GetResult();
        _reads = new Task<long>[Callers];
        _touches = new Task[Callers];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Group commit batches depend on timing: a faster turn loop may commit more often.
        var storage = (InMemoryGrainStorage)_provider.GetRequiredService<IGrainStorage>();
        Console.WriteLine($"// {nameof(GrainCallBenchmarks)} Callers={Callers}: {storage.Writes} commits for {Interlocked.Read(ref _writeCalls)} write calls");
        _provider.GetRequiredService<ActivationDirectory>().DeactivateAllAsync().GetAwaiter().GetResult();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true, Description = "read call (Task<long>)")]
    public async Task<long> Read()
    {
        for (var i = 0; i < _reads.Length; i++)
        {
            _reads[i] = _grain.ReadAsync();
        }

        long sum = 0;
        foreach (var read in _reads)
        {
            sum += await read.ConfigureAwait(false);
        }

        return sum;
    }

    [Benchmark(Description = "void call with a string argument (Task)")]
    public async Task Touch()
    {
        for (var i = 0; i < _touches.Length; i++)
        {
            _touches[i] = _grain.TouchAsync("hello");
        }

        foreach (var touch in _touches)
        {
            await touch.ConfigureAwait(false);
        }
    }

    [Benchmark(Description = "GetGrain + read call (as the hub does)")]
    public async Task<long> GetGrainThenRead()
    {
        for (var i = 0; i < _reads.Length; i++)
        {
            _reads[i] = _factory.GetGrain<ICounterGrain>("c1").ReadAsync();
        }

        long sum = 0;
        foreach (var read in _reads)
        {
            sum += await read.ConfigureAwait(false);
        }

        return sum;
    }

    [Benchmark(Description = "write call, group commit (token argument)")]
    public async Task<long> Write()
    {
        for (var i = 0; i < _reads.Length; i++)
        {
            _reads[i] = _grain.AddAsync(1, CancellationToken.None);
        }

        _writeCalls += _reads.Length;
        long last = 0;
        foreach (var write in _reads)
        {
            last = await write.ConfigureAwait(false);
        }

        return last;
    }
}

/// <summary>An event sink that drops everything (the counter grain publishes nothing).</summary>
public sealed class DiscardingEventSink : IEventSink
{
    public void Deliver(IReadOnlyList<GrainEvent> batch)
    {
    }
}
