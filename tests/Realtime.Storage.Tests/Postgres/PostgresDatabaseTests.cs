using System.Diagnostics;
using Realtime.Storage.Postgres;

namespace Realtime.Storage.Tests.Postgres;

/// <summary>What the PostgreSQL storage does beyond the shared specification: schema, start-up, batching.</summary>
public sealed class PostgresDatabaseTests : IAsyncLifetime
{
    private readonly List<PostgresGrainStorage> _storages = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresTestServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        if (_connectionString.Length > 0)
        {
            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task TwoSilosInitialisingOneEmptyDatabaseAtOnceBothSucceedAndMigrateOnce()
    {
        var first = Create();
        var second = Create();

        await Task.WhenAll(Task.Run(() => first.InitializeAsync()), Task.Run(() => second.InitializeAsync()));

        Assert.Equal((long)LatestVersion, await QueryAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, await first.WriteStateAsync(new StateWrite(new StorageKey("room", "r1"), "{}", 0, [], [])));
        Assert.Equal(1, (await second.ReadStateAsync(new StorageKey("room", "r1")))?.Version);
    }

    [Fact]
    public async Task ManySilosInitialisingAtOnceQueueOnTheSchemaLock()
    {
        var storages = Enumerable.Range(0, 8).Select(_ => Create()).ToArray();

        await Task.WhenAll(storages.Select(storage => Task.Run(() => storage.InitializeAsync())));

        Assert.Equal((long)LatestVersion, await QueryAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(LatestVersion, await QueryAsync("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_at_schema_version_1_gains_the_orleans_tables_and_keeps_its_grain_state()
    {
        // A database as the silos before Orleans left it: migration 1 and one grain's state.
        foreach (var statement in PostgresDialect.Instance.Migrations[0].Statements)
        {
            await QueryAsync(statement);
        }

        await QueryAsync(PostgresDialect.Instance.CreateSchemaVersionTable);
        await QueryAsync("INSERT INTO schema_version VALUES (1, 'grain state and grain logs', now())");
        await QueryAsync("INSERT INTO grain_state VALUES ('room', 'r1', '{\"likes\":3}', 4, now())");

        var storage = Create();
        await storage.InitializeAsync();

        Assert.Equal(3, LatestVersion);
        Assert.Equal((long)LatestVersion, await QueryAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await QueryAsync("SELECT COUNT(*) FROM OrleansStorage"));
        Assert.Equal(0L, await QueryAsync("SELECT COUNT(*) FROM OrleansMembershipTable"));
        Assert.Equal(13L, await QueryAsync("SELECT COUNT(*) FROM OrleansQuery"));
        Assert.Equal(4, (await storage.ReadStateAsync(new StorageKey("room", "r1")))?.Version);
    }

    [Fact]
    public async Task VersionsAndSeqsAreBigintAndPayloadsText()
    {
        await Create().InitializeAsync();

        Assert.Equal("bigint", await ColumnTypeAsync("grain_state", "version"));
        Assert.Equal("bigint", await ColumnTypeAsync("grain_log", "seq"));
        Assert.Equal("text", await ColumnTypeAsync("grain_state", "json"));
        Assert.Equal("text", await ColumnTypeAsync("grain_log", "payload"));
        Assert.Equal("timestamp with time zone", await ColumnTypeAsync("grain_log", "created_at"));
    }

    [Fact]
    public async Task VersionsBeyondThirtyTwoBitsRoundTrip()
    {
        var storage = Create();
        await storage.InitializeAsync();
        var grain = new StorageKey("room", "big");
        await storage.WriteStateAsync(new StateWrite(grain, "{}", 0, [], []));
        await QueryAsync("UPDATE grain_state SET version = 5000000000");

        var version = await storage.WriteStateAsync(new StateWrite(grain, "{}", 5_000_000_000, [new LogRecord(6_000_000_000, null, "{}")], []));

        Assert.Equal(5_000_000_001, version);
        Assert.Equal(6_000_000_000, Assert.Single(await storage.ReadLogAsync(grain, 5_999_999_999, 10)).Seq);
    }

    [Fact]
    public async Task AStateAndFiftyAppendsGoToTheServerAsOneBatch()
    {
        var storage = Create();
        await storage.InitializeAsync();
        var grain = new StorageKey("room", "batch");
        var appends = Enumerable.Range(1, 50).Select(seq => new LogRecord(seq, $"client-{seq}", "{}")).ToArray();
        var commands = new List<Activity>();
        using var parent = new Activity("write").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.ParentId == parent.Id)
                {
                    lock (commands)
                    {
                        commands.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await storage.WriteStateAsync(new StateWrite(grain, "\"batch\"", 0, appends, [3, 4]));

        // One execution on the server for state, appends and deletes (the commit follows it, without a command).
        Assert.Single(commands, activity => activity.OperationName != "connect");
        Assert.Equal(48, (await storage.ReadLogAsync(grain, 0, 100)).Count);
    }

    [Fact]
    public void AConnectionStringWithAnUnknownKeywordOrNoHostIsRejectedAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new PostgresGrainStorage("Host=127.0.0.1;Flavour=strawberry"));
        var noHost = Assert.Throws<ArgumentException>(() => new PostgresGrainStorage("Username=realtime;Database=realtime"));
        Assert.Contains("names no Host", noHost.Message);
    }

    [Fact]
    public async Task AnUnreachableServerFailsTheStartSayingWhereItLooked()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var storage = new PostgresGrainStorage("Host=127.0.0.1;Port=1;Username=silo;Password=secret;Database=grains;Timeout=5");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync());

        Assert.Contains("database 'grains' on 127.0.0.1:1 as 'silo'", failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
    }

    private PostgresGrainStorage Create()
    {
        var storage = new PostgresGrainStorage(_connectionString);
        _storages.Add(storage);
        return storage;
    }

    private static int LatestVersion => PostgresDialect.Instance.Migrations[^1].Version;

    private Task<object?> QueryAsync(string sql) => PostgresTestServer.QueryAsync(_connectionString, sql);

    private async Task<string?> ColumnTypeAsync(string table, string column)
        => (string?)await QueryAsync(
            $"SELECT data_type FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'");
}
