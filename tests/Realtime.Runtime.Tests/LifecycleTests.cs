using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>Idle collection, grain-requested deactivation and silo shutdown.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task An_idle_activation_is_deactivated_its_last_write_lands_and_the_next_call_reactivates_with_the_stored_state()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AppendAsync("saved").Within();
        await ledger.AddUnsavedAsync("written-on-deactivation").Within();

        silo.Directory.CollectIdle(TimeSpan.Zero);

        await silo.Probe.WaitUntilAsync(p => p.Deactivations("l") == 1, "the idle ledger deactivated");
        await silo.Storage.WaitForWritesAsync(2);
        Assert.Equal(["saved", "written-on-deactivation"], silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items);

        Assert.Equal(["saved", "written-on-deactivation"], await ledger.ItemsAsync().Within());
        Assert.Equal(2, await ledger.ActivationNumberAsync().Within());
        Assert.Equal(2, await ledger.VersionAsync().Within());
    }

    [Fact]
    public async Task An_activation_used_within_the_idle_timeout_is_left_alone()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();
        await worker.PingAsync().Within();

        silo.Directory.CollectIdle(TimeSpan.FromHours(1));

        Assert.Equal(1, await worker.ActivationNumberAsync().Within());
        Assert.Equal(0, silo.Probe.Deactivations("w"));
    }

    [Fact]
    public async Task A_grain_that_cannot_deactivate_is_kept_by_the_idle_collector()
    {
        await using var silo = TestSilo.Start();
        var pinned = silo.Factory.GetGrain<IPinnedGrain>("p");
        await pinned.ActivationNumberAsync().Within();

        silo.Directory.CollectIdle(TimeSpan.Zero);
        // Queued behind the collector's request, so it answers after the grain declined it.
        Assert.Equal(1, await pinned.ActivationNumberAsync().Within());
        silo.Directory.CollectIdle(TimeSpan.Zero);
        Assert.Equal(1, await pinned.ActivationNumberAsync().Within());

        Assert.Equal(0, silo.Probe.Deactivations("p"));
        Assert.Equal(1, silo.Probe.Activations("p"));
    }

    [Fact]
    public async Task A_grain_that_cannot_deactivate_still_deactivates_and_saves_at_shutdown()
    {
        await using var silo = TestSilo.Start();
        await silo.Factory.GetGrain<IPinnedGrain>("p").ActivationNumberAsync().Within();

        await silo.Directory.DeactivateAllAsync().Within();

        Assert.Equal(1, silo.Probe.Deactivations("p"));
        Assert.Equal(0, silo.Directory.Count);
    }

    [Fact]
    public async Task Calls_that_arrive_while_a_grain_deactivates_run_on_its_next_activation()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();
        await worker.IncrementAsync().Within();
        var blocked = worker.WaitAtGateAsync("busy", CancellationToken.None);
        await silo.Probe.Reached("busy");

        silo.Directory.CollectIdle(TimeSpan.Zero);
        // Queued behind the collector's request: it reaches an activation that is closing.
        var late = worker.IncrementAsync();
        silo.Probe.Open("busy");
        await blocked.Within();

        // It ran on a fresh activation: the in-memory counter starts again.
        Assert.Equal(1, await late.Within());
        Assert.Equal(1, silo.Probe.Deactivations("w"));
        Assert.Equal(2, await worker.ActivationNumberAsync().Within());
        Assert.Equal(2, silo.Probe.Activations("w"));
    }

    [Fact]
    public async Task A_grain_that_asks_to_deactivate_does_so_after_its_turn()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        await worker.DeactivateAfterThisCallAsync().Within();
        await silo.Probe.WaitUntilAsync(p => p.Deactivations("w") == 1, "the worker deactivated");

        Assert.Equal(2, await worker.ActivationNumberAsync().Within());
    }

    [Fact]
    public async Task Deactivating_every_grain_writes_their_final_state_and_empties_the_directory()
    {
        await using var silo = TestSilo.Start();
        foreach (var key in new[] { "x", "y", "z" })
        {
            await silo.Ledger(key).AddUnsavedAsync($"final-{key}").Within();
        }

        await silo.Worker().PingAsync().Within();

        await silo.Directory.DeactivateAllAsync().Within();

        Assert.Equal(0, silo.Directory.Count);
        foreach (var key in new[] { "x", "y", "z" })
        {
            Assert.Equal([$"final-{key}"], silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId(key))!.Items);
            Assert.Equal(1, silo.Probe.Deactivations(key));
        }

        Assert.Equal(1, silo.Probe.Deactivations("w"));
    }

    [Fact]
    public async Task Deactivating_every_grain_first_finishes_the_calls_already_queued()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var gate = silo.Storage.HoldNextWrite();
        var first = ledger.AppendAsync("a");
        await gate.Started.Within();
        var queued = ledger.AppendAsync("b");

        var shutdown = silo.Directory.DeactivateAllAsync();
        gate.Release();
        await shutdown.Within();

        Assert.Equal(1, await first.Within());
        Assert.Equal(2, await queued.Within());
        Assert.Equal(["a", "b"], silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items);
        Assert.False(silo.Directory.IsActive(TestSilo.LedgerId()));
    }

    [Fact]
    public async Task The_idle_collector_service_deactivates_idle_grains_on_its_own()
    {
        var services = TestSilo.CreateServices(new Dictionary<string, string?>
        {
            ["Realtime:Runtime:IdleTimeout"] = "00:00:00",
            ["Realtime:Runtime:CollectionInterval"] = "00:00:00.020",
        });
        services.AddGrain<IWorkerGrain, WorkerGrain>(WorkerGrain.TypeName);
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToArray();
        var probe = provider.GetRequiredService<Probe>();
        var factory = provider.GetRequiredService<IGrainFactory>();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await factory.GetGrain<IWorkerGrain>("w").PingAsync().Within();
        await probe.WaitUntilAsync(p => p.Deactivations("w") == 1, "the collector deactivated the idle worker");

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None).Within();
        }
    }
}
