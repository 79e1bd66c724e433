using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>Activations and turns: one activation per key, one call at a time, in arrival order.</summary>
public sealed class TurnTests
{
    [Fact]
    public async Task Concurrent_callers_of_one_key_share_a_single_activation()
    {
        await using var silo = TestSilo.Start();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            // Each caller takes its own reference: references are cheap and all point at the same grain.
            return await silo.Worker("shared").ActivationNumberAsync();
        })).ToArray();

        start.SetResult();
        var numbers = await Task.WhenAll(callers).Within();

        Assert.All(numbers, n => Assert.Equal(1, n));
        Assert.Equal(1, silo.Probe.Activations("shared"));
        Assert.Equal(1, silo.Directory.Count);
    }

    [Fact]
    public async Task Different_keys_get_different_activations()
    {
        await using var silo = TestSilo.Start();

        await Task.WhenAll(silo.Worker("a").PingAsync(), silo.Worker("b").PingAsync(), silo.Worker("a").PingAsync()).Within();

        Assert.Equal(1, silo.Probe.Activations("a"));
        Assert.Equal(1, silo.Probe.Activations("b"));
        Assert.Equal(2, silo.Directory.Count);
    }

    [Fact]
    public async Task A_grain_is_activated_by_its_first_call_not_by_taking_a_reference()
    {
        await using var silo = TestSilo.Start();

        var worker = silo.Worker("lazy");
        Assert.Equal(0, silo.Probe.Activations("lazy"));
        Assert.False(silo.Directory.IsActive(new Realtime.Runtime.Grains.GrainId(WorkerGrain.TypeName, "lazy")));

        await worker.PingAsync().Within();
        Assert.Equal(1, silo.Probe.Activations("lazy"));
        Assert.True(silo.Directory.IsActive(new Realtime.Runtime.Grains.GrainId(WorkerGrain.TypeName, "lazy")));
    }

    [Fact]
    public async Task Calls_from_many_threads_never_run_two_turns_at_once_even_when_turns_await()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        var callers = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var calls = Enumerable.Range(0, 25).Select(i => worker.TrackedWorkAsync(t * 100 + i)).ToArray();
            await Task.WhenAll(calls);
        })).ToArray();
        await Task.WhenAll(callers).Within();

        Assert.Equal(200, silo.Probe.Log.Count(e => e.StartsWith("work:", StringComparison.Ordinal)));
        Assert.Equal(1, silo.Probe.MaxConcurrentTurns);
    }

    [Fact]
    public async Task Calls_run_in_the_order_they_arrived()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        // Issued one after another from one thread: that is their arrival order.
        var calls = Enumerable.Range(0, 100).Select(worker.TrackedWorkAsync).ToArray();
        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(Enumerable.Range(0, 100), results);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"work:{i}"), silo.Probe.Log);
    }

    [Fact]
    public async Task A_call_waits_for_the_turn_ahead_of_it_to_finish()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        var blocked = worker.WaitAtGateAsync("first", CancellationToken.None);
        await silo.Probe.Reached("first");
        var queued = worker.IncrementAsync();
        var queuedAgain = worker.IncrementAsync();

        Assert.False(queued.IsCompleted);
        Assert.False(queuedAgain.IsCompleted);

        silo.Probe.Open("first");
        Assert.Equal("first", await blocked.Within());
        Assert.Equal(1, await queued.Within());
        Assert.Equal(2, await queuedAgain.Within());
    }

    [Fact]
    public async Task In_memory_state_survives_from_one_call_to_the_next()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, await worker.IncrementAsync().Within());
        }
    }
}
