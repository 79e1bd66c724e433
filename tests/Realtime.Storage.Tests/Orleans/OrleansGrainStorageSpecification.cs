using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

using Xunit.Abstractions;

namespace Realtime.Storage.Tests.Orleans;

/// <summary>
/// The Orleans ADO.NET grain storage provider (Microsoft.Orleans.Persistence.AdoNet) in a real silo, over a
/// database whose schema our migrator created. A database's test class only says how to make that database.
/// </summary>
public abstract class OrleansGrainStorageSpecification(ITestOutputHelper output) : IAsyncLifetime
{
    private IHost? _silo;

    /// <summary>Creates this test's database, runs our migrations on it, and returns its connection string.</summary>
    protected abstract Task<string> CreateMigratedDatabaseAsync();

    /// <summary>Removes this test's database after the silo stopped.</summary>
    protected abstract Task DeleteDatabaseAsync();

    /// <summary>The ADO.NET invariant the silo configures the provider with.</summary>
    protected abstract string Invariant { get; }

    /// <summary>This test's database, migrated.</summary>
    protected string ConnectionString { get; private set; } = "";

    private IHost Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateMigratedDatabaseAsync();
        var id = Guid.NewGuid().ToString("N");
        _silo = await TestSilo.StartAsync(
            new TestSilo.Settings(Invariant, ConnectionString, $"cluster-{id}", $"service-{id}", AdoNetClustering: false), output);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await TestSilo.StopAsync(_silo);
        }

        await DeleteDatabaseAsync();
    }

    [Fact]
    public async Task Orleans_grain_storage_round_trips_state_through_our_schema()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        var written = new GrainState<Counter>(new Counter { Count = 7, Note = "seven" });

        await storage.WriteStateAsync("room", grain, written);
        var read = await ReadAsync(storage, "room", grain);

        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_instance_without_an_etag()
    {
        var read = await ReadAsync(Silo.GrainStorage(), "room", Room("never"));

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Count);
    }

    [Fact]
    public async Task A_write_with_the_current_etag_updates_the_state_and_moves_the_etag_on()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        var state = new GrainState<Counter>(new Counter { Count = 1 });
        await storage.WriteStateAsync("room", grain, state);

        state.State!.Count = 2;
        await storage.WriteStateAsync("room", grain, state);
        var read = await ReadAsync(storage, "room", grain);

        Assert.Equal("2", state.ETag);
        Assert.Equal("2", read.ETag);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_with_InconsistentStateException()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        await storage.WriteStateAsync("room", grain, new GrainState<Counter>(new Counter { Count = 1 }));
        var first = await ReadAsync(storage, "room", grain);
        var second = await ReadAsync(storage, "room", grain);

        first.State!.Count = 2;
        await storage.WriteStateAsync("room", grain, first);
        second.State!.Count = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("room", grain, second));

        var read = await ReadAsync(storage, "room", grain);
        Assert.Equal(2, read.State!.Count);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task A_second_first_write_of_the_same_state_is_refused_with_InconsistentStateException()
    {
        // Two activations of one grain that both found no state: only one may create it.
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        await storage.WriteStateAsync("room", grain, new GrainState<Counter>(new Counter { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("room", grain, new GrainState<Counter>(new Counter { Count = 9 })));

        Assert.Equal(1, (await ReadAsync(storage, "room", grain)).State!.Count);
    }

    [Fact]
    public async Task Of_two_concurrent_first_writes_of_the_same_state_exactly_one_succeeds()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        var states = Enumerable.Range(1, 2).Select(i => new GrainState<Counter>(new Counter { Count = i })).ToArray();

        var writes = states.Select(state => Task.Run(() => storage.WriteStateAsync("room", grain, state))).ToArray();
        var outcome = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                await write;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcome, won => won);
        var winner = states[Array.IndexOf(outcome, true)];
        Assert.Equal(winner.State!.Count, (await ReadAsync(storage, "room", grain)).State!.Count);
    }

    [Fact]
    public async Task Clearing_empties_the_state_and_the_next_write_with_the_new_etag_succeeds()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        var state = new GrainState<Counter>(new Counter { Count = 5 });
        await storage.WriteStateAsync("room", grain, state);

        await storage.ClearStateAsync("room", grain, state);
        var cleared = await ReadAsync(storage, "room", grain);

        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);
        Assert.False(cleared.RecordExists);
        Assert.Equal("2", cleared.ETag);
        Assert.Equal(0, cleared.State!.Count);

        cleared.State!.Count = 6;
        await storage.WriteStateAsync("room", grain, cleared);
        var read = await ReadAsync(storage, "room", grain);
        Assert.Equal("3", read.ETag);
        Assert.Equal(6, read.State!.Count);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused_with_InconsistentStateException()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");
        await storage.WriteStateAsync("room", grain, new GrainState<Counter>(new Counter { Count = 1 }));
        var stale = await ReadAsync(storage, "room", grain);
        var current = await ReadAsync(storage, "room", grain);
        await storage.WriteStateAsync("room", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("room", grain, stale));

        Assert.True((await ReadAsync(storage, "room", grain)).RecordExists);
    }

    [Fact]
    public async Task Deleting_on_clear_removes_the_row_and_the_state_can_be_created_again()
    {
        var storage = Silo.GrainStorage(TestSilo.DeletingStateStore);
        var grain = Room("r1");
        var state = new GrainState<Counter>(new Counter { Count = 5 });
        await storage.WriteStateAsync("room", grain, state);

        await storage.ClearStateAsync("room", grain, state);
        var gone = await ReadAsync(storage, "room", grain);

        Assert.Null(state.ETag);
        Assert.Null(gone.ETag);
        Assert.False(gone.RecordExists);

        gone.State!.Count = 8;
        await storage.WriteStateAsync("room", grain, gone);
        Assert.Equal("1", gone.ETag);
        Assert.Equal(8, (await ReadAsync(storage, "room", grain)).State!.Count);
    }

    [Fact]
    public async Task Two_state_names_with_the_same_grain_key_do_not_collide()
    {
        var storage = Silo.GrainStorage();
        var grain = Room("r1");

        await storage.WriteStateAsync("room-profile", grain, new GrainState<Counter>(new Counter { Count = 1, Note = "profile" }));
        await storage.WriteStateAsync("room-likes", grain, new GrainState<Counter>(new Counter { Count = 2, Note = "likes" }));

        var profile = await ReadAsync(storage, "room-profile", grain);
        var likes = await ReadAsync(storage, "room-likes", grain);
        Assert.Equal(("profile", "1"), (profile.State!.Note, profile.ETag));
        Assert.Equal(("likes", "1"), (likes.State!.Note, likes.ETag));
    }

    [Fact]
    public async Task String_integer_guid_and_compound_keys_are_kept_apart()
    {
        var storage = Silo.GrainStorage();
        var type = GrainType.Create("counter");
        var guid = Guid.NewGuid();
        GrainId[] grains =
        [
            GrainId.Create(type, "42"),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42, "a")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42, "b")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "a")),
        ];

        for (var i = 0; i < grains.Length; i++)
        {
            await storage.WriteStateAsync("counter", grains[i], new GrainState<Counter>(new Counter { Count = i }));
        }

        for (var i = 0; i < grains.Length; i++)
        {
            var read = await ReadAsync(storage, "counter", grains[i]);
            Assert.Equal((i, "1"), (read.State!.Count, read.ETag));
        }
    }

    private static GrainId Room(string key) => GrainId.Create("room", key);

    private static async Task<GrainState<Counter>> ReadAsync(IGrainStorage storage, string stateName, GrainId grain)
    {
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>Grain state as a grain would keep it.</summary>
    public sealed class Counter
    {
        public int Count { get; set; }

        public string? Note { get; set; }
    }
}
