using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Storage.Postgres;
using Realtime.Storage.Sqlite;

namespace Realtime.Storage;

/// <summary>Registers grain storage in a silo.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IRealtimeStore"/> chosen by <c>Realtime:Storage</c> (default: SQLite in
    /// <c>Realtime:DataPath</c>), its <see cref="StorageMetrics"/>, and a <see cref="StorageInitializer"/> that
    /// creates the schema at start. Bad settings fail the host's start with a message naming the key.
    /// </summary>
    public static IServiceCollection AddRealtimeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(options => StorageOptions.ApplyDefaults(options, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton(provider => new StorageMetrics(provider.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton(CreateStorage);
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static IRealtimeStore CreateStorage(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (string.Equals(options.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresGrainStorage(
                options.ConnectionString!,
                provider.GetService<ILogger<PostgresGrainStorage>>(),
                provider.GetRequiredService<StorageMetrics>());
        }

        return new SqliteGrainStorage(
            options.ConnectionString!,
            provider.GetService<ILogger<SqliteGrainStorage>>(),
            provider.GetRequiredService<StorageMetrics>());
    }
}
