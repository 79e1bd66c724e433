using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Storage.Postgres;

namespace Realtime.Storage.Tests.Postgres;

/// <summary><c>AddRealtimeStorage</c> with <c>Realtime:Storage:Provider=postgres</c>.</summary>
public sealed class PostgresRegistrationTests
{
    [Fact]
    public async Task StartingTheHostCreatesTheSchemaInTheConfiguredDatabase()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync();
        try
        {
            using (var host = BuildHost(new()
            {
                ["Realtime:Storage:Provider"] = "Postgres",
                ["Realtime:Storage:ConnectionString"] = connectionString,
            }))
            {
                await host.StartAsync();
                var storage = host.Services.GetRequiredService<IRealtimeStore>();
                await storage.WriteStateAsync(new StateWrite(new StorageKey("room", "r1"), "{}", 0, [], []));
                await host.StopAsync();

                Assert.IsType<PostgresGrainStorage>(storage);
            }

            Assert.Equal(1L, await PostgresTestServer.QueryAsync(connectionString, "SELECT COUNT(*) FROM grain_state"));
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringFailsTheStartNamingTheSetting()
    {
        using var host = BuildHost(new() { ["Realtime:Storage:Provider"] = "postgres" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Realtime:Storage:ConnectionString is required for provider 'postgres'", failure.Message);
        Assert.Contains("Realtime__Storage__ConnectionString", failure.Message);
    }

    [Fact]
    public async Task AnUnreachableServerFailsTheStart()
    {
        using var host = BuildHost(new()
        {
            ["Realtime:Storage:Provider"] = "postgres",
            ["Realtime:Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=realtime;Password=x;Database=realtime;Timeout=5",
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Cannot open the PostgreSQL database 'realtime' on 127.0.0.1:1", failure.Message);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRealtimeStorage(builder.Configuration);
        return builder.Build();
    }
}
