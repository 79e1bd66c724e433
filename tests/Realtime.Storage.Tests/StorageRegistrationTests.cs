using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Realtime.Storage.Sqlite;

namespace Realtime.Storage.Tests;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"realtime-storage-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartingTheHostCreatesTheSqliteDatabaseInTheDataPath()
    {
        using var host = BuildHost(new() { [StorageOptions.DataPathKey] = _folder });

        await host.StartAsync();
        var storage = host.Services.GetRequiredService<IRealtimeStore>();
        await storage.WriteStateAsync(new StateWrite(new StorageKey("room", "r1"), "{}", 0, [], []));
        await host.StopAsync();

        Assert.IsType<SqliteGrainStorage>(storage);
        Assert.Equal(
            StorageOptions.DefaultSqliteConnectionString(_folder),
            host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.True(File.Exists(Path.Combine(_folder, "realtime.db")));
    }

    [Fact]
    public async Task AConfiguredConnectionStringWinsOverTheDataPath()
    {
        var file = Path.Combine(_folder, "custom", "grains.db");
        using var host = BuildHost(new()
        {
            [StorageOptions.DataPathKey] = Path.Combine(_folder, "unused"),
            ["Realtime:Storage:Provider"] = "SQLite",
            ["Realtime:Storage:ConnectionString"] = $"Data Source={file}",
        });

        await host.StartAsync();
        await host.StopAsync();

        Assert.True(File.Exists(file));
        Assert.False(Directory.Exists(Path.Combine(_folder, "unused")));
    }

    [Fact]
    public void WithoutADataPathTheDatabaseGoesToLocalApplicationData()
    {
        using var host = BuildHost([]);
        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(StorageProviders.Sqlite, options.Provider);
        Assert.Equal(
            $"Data Source={Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Realtime", "realtime.db")}",
            options.ConnectionString);
    }

    [Fact]
    public async Task AnUnknownProviderFailsTheStartNamingTheSetting()
    {
        using var host = BuildHost(new() { ["Realtime:Storage:Provider"] = "mongo" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Realtime:Storage:Provider is 'mongo'", failure.Message);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRealtimeStorage(builder.Configuration);
        return builder.Build();
    }
}
