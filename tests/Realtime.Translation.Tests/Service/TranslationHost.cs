using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Storage;
using Realtime.Storage.Sqlite;
using Realtime.Translation.Glossary;
using Realtime.Translation.Tests.TestSupport;

namespace Realtime.Translation.Tests.Service;

/// <summary>
/// The translator composed the way a silo composes it: a service collection with logging, SQLite
/// grain storage as <see cref="IRealtimeStore"/>, <c>AddRealtimeTranslation</c> over the given
/// configuration and data folder, and its hosted start-up (provider discovery) run.
/// </summary>
internal sealed class TranslationHost : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly SqliteGrainStorage sqlite;
    private readonly IHostedService[] hosted;

    private TranslationHost(ServiceProvider services, SqliteGrainStorage sqlite, SettlingGrainStorage storage, LogCollector logs, IHostedService[] hosted)
    {
        this.services = services;
        this.sqlite = sqlite;
        this.hosted = hosted;
        Storage = storage;
        Logs = logs;
    }

    public ITranslator Translator => services.GetRequiredService<ITranslator>();

    public TranslationMetrics Metrics => services.GetRequiredService<TranslationMetrics>();

    public GlossaryStore Glossary => services.GetRequiredService<GlossaryStore>();

    public SettlingGrainStorage Storage { get; }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public LogCollector Logs { get; }

    /// <summary>Requests, (text, target) pairs, characters and failures of a provider; zeros when it was never called.</summary>
    public (long Requests, long Pairs, long Characters, long Failures) Calls(string provider) =>
        Metrics.Providers.TryGetValue(provider, out var c) ? (c[0], c[1], c[2], c[3]) : (0, 0, 0, 0);

    /// <summary>(text, target) pairs sent to any provider.</summary>
    public long PairsSent => Metrics.Providers.Values.Sum(c => c[1]);

    /// <summary>Starts a translator over <paramref name="dataPath"/> (glossary) and the SQLite file <paramref name="databaseFile"/>.</summary>
    /// <exception cref="InvalidOperationException">Start-up refused the configuration.</exception>
    /// <param name="initializeStorage">False leaves the database without its schema, so every storage call fails.</param>
    public static async Task<TranslationHost> StartAsync(
        string dataPath, string databaseFile, IReadOnlyDictionary<string, string?>? settings = null, bool initializeStorage = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var sqlite = new SqliteGrainStorage($"Data Source={databaseFile}");
        ServiceProvider? services = null;
        var started = new List<IHostedService>();
        try
        {
            if (initializeStorage)
            {
                await sqlite.InitializeAsync();
            }

            var storage = new SettlingGrainStorage(sqlite);
            var logs = new LogCollector();
            var collection = new ServiceCollection();
            collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            collection.AddSingleton<IRealtimeStore>(storage);
            collection.AddRealtimeTranslation(configuration, dataPath);
            services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            foreach (var service in services.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
                started.Add(service);
            }

            return new TranslationHost(services, sqlite, storage, logs, [.. started]);
        }
        catch
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            sqlite.Dispose();
            throw;
        }
    }

    /// <summary>Translates and waits for the shared cache writes the call started, so what follows sees them.</summary>
    public async Task<IReadOnlyList<TranslatedText?>> TranslateAsync(string target, params SourceText[] texts)
    {
        var results = await Translator.TranslateAsync(texts, target).WaitAsync(TimeSpan.FromSeconds(90));
        await Storage.WhenWritesSettledAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await Storage.WhenWritesSettledAsync();
        await services.DisposeAsync();
        sqlite.Dispose();
    }
}
