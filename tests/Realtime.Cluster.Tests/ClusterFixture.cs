using Npgsql;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>
/// PostgreSQL and RabbitMQ started by the repository's scripts, a fresh database, and silos
/// started on demand that share them (and a signing key, so a token works on every silo).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private string _adminConnectionString = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    public string RabbitMqUri { get; private set; } = string.Empty;

    public string Database { get; } = "realtime_cluster_" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync()
    {
        _adminConnectionString = await ScriptRunner.RunAsync("postgres.sh", "start", TimeSpan.FromMinutes(2));
        RabbitMqUri = await ScriptRunner.RunAsync("rabbitmq.sh", "start", TimeSpan.FromMinutes(2));
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Database }.ConnectionString;
    }

    /// <summary>Starts a silo of the cluster.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(environment: Settings);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Realtime__Storage__Provider"] = "postgres",
        ["Realtime__Storage__ConnectionString"] = ConnectionString,
        ["Realtime__Cluster__RabbitMqUri"] = RabbitMqUri,
        ["Auth__SigningKey"] = "cluster-tests-signing-key-0123456789abcdef",
        ["RateLimits__ChatBurst"] = "100000",
        ["RateLimits__ChatPerSecond"] = "100000",
        ["RateLimits__LikeBurst"] = "100000",
        ["RateLimits__LikePerSecond"] = "100000",
    };

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
