using System.Globalization;
using Npgsql;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>
/// One Orleans cluster of real silo processes on PostgreSQL and nothing else: PostgreSQL started
/// by the repository's script, a fresh database (grain state, logs and Orleans' membership table),
/// a cluster id of its own, and silos started on demand. Each silo gets its own free HTTP port and
/// its own free Orleans silo port; all share the signing key, so a token works on every silo.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>The probe timeout and missed-probe limit the silos run with (Realtime:Cluster:ProbeTimeout,
    /// MissedProbesLimit): a SIGKILLed silo is declared dead, and its grains re-activate elsewhere, a few
    /// seconds after it died instead of Orleans' default (5 s x 3), which keeps failover within the
    /// tests' 10 s budget; 2 s still tolerates a loaded test machine without false suspicions.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc cref="ProbeTimeout"/>
    public const int MissedProbesLimit = 2;

    private readonly List<SiloProcess> _silos = [];
    private string _adminConnectionString = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    public string Database { get; } = "realtime_cluster_" + Guid.NewGuid().ToString("N")[..10];

    public string ClusterId { get; } = "tests-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The silos started so far (killed ones included), in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_silos)
            {
                return _silos.ToList();
            }
        }
    }

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Realtime__Storage__Provider"] = "postgres",
        ["Realtime__Storage__ConnectionString"] = ConnectionString,
        ["Realtime__Cluster__ClusterId"] = ClusterId,
        ["Realtime__Cluster__ProbeTimeout"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Realtime__Cluster__MissedProbesLimit"] = MissedProbesLimit.ToString(CultureInfo.InvariantCulture),
        ["Auth__SigningKey"] = "cluster-tests-signing-key-0123456789abcdef",
        // The operator who may read the Orleans dashboard (where grains run, per silo).
        ["Auth__Admins"] = ClusterClients.Operator,
        ["RateLimits__ChatBurst"] = "100000",
        ["RateLimits__ChatPerSecond"] = "100000",
        ["RateLimits__CommentBurst"] = "100000",
        ["RateLimits__CommentPerSecond"] = "100000",
        ["RateLimits__LikeBurst"] = "100000",
        ["RateLimits__LikePerSecond"] = "100000",
        ["RateLimits__DirectBurst"] = "100000",
        ["RateLimits__DirectPerSecond"] = "100000",
        ["RateLimits__ReserveBurst"] = "100000",
        ["RateLimits__ReservePerSecond"] = "100000",
        ["RateLimits__ViewBurst"] = "100000",
        ["RateLimits__ViewPerSecond"] = "100000",
    };

    public async Task InitializeAsync()
    {
        _adminConnectionString = await StartPostgresAsync();
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Database }.ConnectionString;
    }

    /// <summary>The Orleans (silo-to-silo) port a silo of a fixture was started with.</summary>
    public static int OrleansPort(SiloProcess silo) =>
        int.Parse(silo.Environment["Realtime__Cluster__SiloPort"], CultureInfo.InvariantCulture);

    /// <summary>Starts a silo of the cluster on a free HTTP port and a free Orleans port; returns once it is an active member.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Realtime__Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        var silo = await SiloProcess.StartAsync(environment: settings);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Starts silos at once until <paramref name="count"/> of this fixture's silos run; returns the first <paramref name="count"/>.</summary>
    public async Task<SiloProcess[]> StartSilosAsync(int count)
    {
        var missing = count - Silos.Count;
        if (missing > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => StartSiloAsync()));
        }

        return Silos.Take(count).ToArray();
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            await StopPostgresAsync();
        }
    }

    /// <summary>Starts PostgreSQL; returns a connection string of a login that may create databases.</summary>
    protected virtual Task<string> StartPostgresAsync() => ScriptRunner.RunAsync("postgres.sh", "start", TimeSpan.FromMinutes(2));

    /// <summary>Stops what <see cref="StartPostgresAsync"/> started, if it is this fixture's own.</summary>
    protected virtual Task StopPostgresAsync() => Task.CompletedTask;
}
