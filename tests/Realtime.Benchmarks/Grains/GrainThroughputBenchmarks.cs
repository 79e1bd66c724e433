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
/// The per-call CPU cost of the call path, with the thread hops amortised: <see cref="Calls"/>
/// calls are queued at once, so the activation runs them back to back, and the figures are per
/// call. <see cref="GetGrain"/> is the reference alone (no call), which the hub makes per request.
/// </summary>
public class GrainThroughputBenchmarks
{
    private const int Calls = 1024;
    private readonly Task<long>[] _reads = new Task<long>[Calls];
    private readonly Task[] _touches = new Task[Calls];
    private ServiceProvider _provider = null!;
    private IGrainFactory _factory = null!;
    private ICounterGrain _grain = null!;

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
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.GetRequiredService<ActivationDirectory>().DeactivateAllAsync().GetAwaiter().GetResult();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "read call, per call")]
    public async Task<long> Read()
    {
        for (var i = 0; i < Calls; i++)
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

    [Benchmark(OperationsPerInvoke = Calls, Description = "void call with a string argument, per call")]
    public async Task Touch()
    {
        for (var i = 0; i < Calls; i++)
        {
            _touches[i] = _grain.TouchAsync("hello");
        }

        foreach (var touch in _touches)
        {
            await touch.ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "write call (group commit), per call")]
    public async Task<long> Write()
    {
        for (var i = 0; i < Calls; i++)
        {
            _reads[i] = _grain.AddAsync(1, CancellationToken.None);
        }

        long last = 0;
        foreach (var write in _reads)
        {
            last = await write.ConfigureAwait(false);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "GetGrain alone, per reference")]
    public ICounterGrain GetGrain()
    {
        ICounterGrain last = null!;
        for (var i = 0; i < Calls; i++)
        {
            last = _factory.GetGrain<ICounterGrain>("c1");
        }

        return last;
    }
}
