using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Realtime.Storage.Orleans;

using Xunit.Abstractions;

namespace Realtime.Storage.Tests.Orleans;

/// <summary>
/// A real Orleans silo on loopback, in a generic host, with the ADO.NET grain storage providers over one of our
/// databases: <see cref="StateStore"/> clears by nulling the payload, <see cref="DeletingStateStore"/> deletes the row.
/// </summary>
internal static class TestSilo
{
    public const string StateStore = "state";

    public const string DeletingStateStore = "state-deleting";

    /// <summary>Where the silo keeps grain state, and optionally its membership (PostgreSQL only).</summary>
    public sealed record Settings(string Invariant, string ConnectionString, string ClusterId, string ServiceId, bool AdoNetClustering);

    /// <summary>Starts a silo; the caller stops and disposes the host.</summary>
    public static async Task<IHost> StartAsync(Settings settings, ITestOutputHelper? output = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (output is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddProvider(new TestOutputLoggerProvider(output));
        }

        var siloPort = Realtime.Testing.FreePort.Next();
        var gatewayPort = Realtime.Testing.FreePort.Next();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });

            if (settings.AdoNetClustering)
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = settings.Invariant;
                    options.ConnectionString = settings.ConnectionString;
                });
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            }

            silo.AddAdoNetGrainStorage(StateStore, options => Configure(options, settings, deleteOnClear: false));
            silo.AddAdoNetGrainStorage(DeletingStateStore, options => Configure(options, settings, deleteOnClear: true));
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the silo gracefully (it leaves the cluster) and disposes the host.</summary>
    public static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>One of the silo's grain storage providers, as grains get it.</summary>
    public static IGrainStorage GrainStorage(this IHost host, string name = StateStore)
        => host.Services.GetRequiredKeyedService<IGrainStorage>(name);

    private static void Configure(AdoNetGrainStorageOptions options, Settings settings, bool deleteOnClear)
    {
        options.Invariant = settings.Invariant;
        options.ConnectionString = settings.ConnectionString;
        options.GrainStorageSerializer = new JsonGrainStateSerializer();
        options.DeleteStateOnClear = deleteOnClear;
    }


    /// <summary>Silo warnings and errors in the test's output, to explain a failure.</summary>
    private sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}
