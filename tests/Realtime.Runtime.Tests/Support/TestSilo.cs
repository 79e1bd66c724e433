using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;
using Realtime.Runtime.Tests.Grains;

namespace Realtime.Runtime.Tests.Support;

/// <summary>
/// The grain runtime composed the way a silo composes it (AddGrainRuntime + AddGrain), with the
/// storage, event sink and probe doubles; hosted services are not started, so tests drive the
/// idle collector themselves.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(ServiceProvider provider)
    {
        Provider = provider;
        Factory = provider.GetRequiredService<IGrainFactory>();
        Directory = provider.GetRequiredService<ActivationDirectory>();
        Bus = provider.GetRequiredService<IEventBus>();
        Storage = provider.GetRequiredService<TestGrainStorage>();
        Sink = provider.GetRequiredService<RecordingEventSink>();
        Probe = provider.GetRequiredService<Probe>();
    }

    public ServiceProvider Provider { get; }

    public IGrainFactory Factory { get; }

    public ActivationDirectory Directory { get; }

    public IEventBus Bus { get; }

    public TestGrainStorage Storage { get; }

    public RecordingEventSink Sink { get; }

    public Probe Probe { get; }

    public static ServiceCollection CreateServices(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TestGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<TestGrainStorage>());
        services.AddSingleton<RecordingEventSink>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<RecordingEventSink>());
        services.AddSingleton<Probe>();
        services.AddGrainRuntime(configuration);
        return services;
    }

    public static TestSilo Start(IDictionary<string, string?>? settings = null)
    {
        var services = CreateServices(settings);
        services.AddGrain<IWorkerGrain, WorkerGrain>(WorkerGrain.TypeName);
        services.AddGrain<ILedgerGrain, LedgerGrain>(LedgerGrain.TypeName);
        services.AddGrain<IPinnedGrain, PinnedGrain>(PinnedGrain.TypeName);
        services.AddGrain<ITickerGrain, TickerGrain>(TickerGrain.TypeName);
        services.AddGrain<IDerivedGrain, DerivedGrain>(DerivedGrain.TypeName);
        return new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public IWorkerGrain Worker(string key = "w") => Factory.GetGrain<IWorkerGrain>(key);

    public ILedgerGrain Ledger(string key = "l") => Factory.GetGrain<ILedgerGrain>(key);

    public static GrainId LedgerId(string key = "l") => new(LedgerGrain.TypeName, key);

    public async ValueTask DisposeAsync()
    {
        // Whatever a test left waiting (it may have failed half way) must not hold up shutdown.
        Storage.ReleaseHeldWrites();
        Probe.OpenAll();
        await Directory.DeactivateAllAsync().Within();
        await Provider.DisposeAsync();
    }
}
