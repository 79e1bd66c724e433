using Realtime.Runtime.Calls;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>What a caller gets back: results, exceptions, timeouts and cancellation.</summary>
public sealed class CallTests
{
    [Fact]
    public async Task Results_of_every_shape_reach_the_caller()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();

        Assert.Equal(5, await worker.AddAsync(2, 3).Within());
        Assert.Equal("héllo 世界", await worker.EchoAsync("héllo 世界").Within());
        Assert.Equal(new Receipt("n", 7, new DateOnly(2026, 1, 2)), await worker.DescribeAsync("n", 7).Within());
        Assert.Null(await worker.NothingAsync().Within());
        await worker.PingAsync().Within();
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = TestSilo.Start();

        var e = await Assert.ThrowsAsync<GrainRuleException>(() => silo.Worker().FailAsync("not allowed")).Within();

        Assert.Equal("not allowed", e.Message);
        Assert.Equal("rule", e.Code);
    }

    [Fact]
    public async Task An_exception_thrown_before_a_grain_method_returns_its_task_reaches_the_caller_unwrapped()
    {
        await using var silo = TestSilo.Start();

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Worker().FailSynchronouslyAsync("too big")).Within();

        Assert.Contains("too big", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_exception_does_not_end_the_activation_or_lose_its_memory()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();
        Assert.Equal(1, await worker.IncrementAsync().Within());

        await Assert.ThrowsAsync<GrainRuleException>(() => worker.FailAsync("boom")).Within();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => worker.FailSynchronouslyAsync("boom")).Within();

        Assert.Equal(2, await worker.IncrementAsync().Within());
        Assert.Equal(1, await worker.ActivationNumberAsync().Within());
        Assert.Equal(0, silo.Probe.Deactivations("w"));
    }

    [Fact]
    public async Task A_timeout_the_grain_itself_throws_is_not_reported_as_a_call_timeout()
    {
        await using var silo = TestSilo.Start();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => silo.Worker().FailWithTimeoutAsync()).Within();

        Assert.Equal("the grain's own dependency timed out", e.Message);
    }

    [Fact]
    public async Task A_grain_that_does_not_answer_within_the_call_timeout_fails_the_call_with_a_call_timeout()
    {
        await using var silo = TestSilo.Start(new Dictionary<string, string?> { ["Realtime:Runtime:CallTimeout"] = "00:00:00.200" });
        var worker = silo.Worker();

        var e = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => worker.WaitAtGateAsync("never", CancellationToken.None)).Within();
        Assert.Contains("WaitAtGateAsync", e.Message, StringComparison.Ordinal);

        // The turn itself was not abandoned: it finishes once it can, and the grain keeps serving.
        silo.Probe.Open("never");
        await silo.Probe.WaitUntilAsync(p => p.Count("finished:never:live") == 1, "the timed-out turn finished");
        Assert.Equal(5, await worker.AddAsync(2, 3).Within());
    }

    [Fact]
    public async Task Cancelling_the_callers_token_ends_its_wait_but_the_turn_runs_to_its_end()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();
        using var cts = new CancellationTokenSource();

        var call = worker.WaitAtGateAsync("slow", cts.Token);
        await silo.Probe.Reached("slow");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).Within();

        silo.Probe.Open("slow");
        // The grain got a token of its own, not the caller's: it was never cancelled.
        await silo.Probe.WaitUntilAsync(p => p.Count("finished:slow:live") == 1, "the cancelled caller's turn finished");
        Assert.Equal(1, await worker.ActivationNumberAsync().Within());
    }

    [Fact]
    public async Task A_call_whose_caller_gave_up_while_it_was_queued_still_gets_its_turn()
    {
        await using var silo = TestSilo.Start();
        var worker = silo.Worker();
        using var cts = new CancellationTokenSource();

        var first = worker.WaitAtGateAsync("ahead", CancellationToken.None);
        await silo.Probe.Reached("ahead");
        var queued = worker.WaitAtGateAsync("queued", cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued).Within();

        silo.Probe.Open("queued");
        silo.Probe.Open("ahead");
        await first.Within();
        await silo.Probe.WaitUntilAsync(p => p.Count("finished:queued:live") == 1, "the abandoned call's turn ran");
        Assert.Equal(["entered:ahead", "finished:ahead:live", "entered:queued", "finished:queued:live"], silo.Probe.Log);
    }

    [Fact]
    public async Task A_reference_to_an_unregistered_grain_interface_fails_clearly()
    {
        await using var silo = TestSilo.Start();

        var e = Assert.Throws<InvalidOperationException>(() => silo.Factory.GetGrain<IUnregisteredGrain>("k"));

        Assert.Contains(nameof(IUnregisteredGrain), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_message_naming_an_unknown_interface_or_method_fails_clearly()
    {
        await using var silo = TestSilo.Start();
        var target = new GrainId(WorkerGrain.TypeName, "k");

        var unknownInterface = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Directory.InvokeAsync(new GrainCall(target, "Nowhere.INothingGrain", "PingAsync", []))).Within();
        var unknownMethod = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Directory.InvokeAsync(new GrainCall(target, GrainInterfaceMap.InterfaceName(typeof(IWorkerGrain)), "Vanish", []))).Within();
        var wrongType = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Directory.InvokeAsync(new GrainCall(new GrainId(LedgerGrain.TypeName, "k"), GrainInterfaceMap.InterfaceName(typeof(IWorkerGrain)), "PingAsync", []))).Within();

        Assert.Contains("Nowhere.INothingGrain", unknownInterface.Message, StringComparison.Ordinal);
        Assert.Contains("Vanish", unknownMethod.Message, StringComparison.Ordinal);
        Assert.Contains(LedgerGrain.TypeName, wrongType.Message, StringComparison.Ordinal);
        Assert.Equal(0, silo.Directory.Count);
    }

    [Fact]
    public async Task A_call_message_runs_through_the_directory_like_a_proxy_call()
    {
        await using var silo = TestSilo.Start();

        var result = await silo.Directory.InvokeAsync(new GrainCall(
            new GrainId(WorkerGrain.TypeName, "k"), GrainInterfaceMap.InterfaceName(typeof(IWorkerGrain)), "AddAsync", [40, 2])).Within();

        Assert.Equal(42, result);
    }

    [Fact]
    public async Task Methods_inherited_from_a_base_grain_interface_are_callable()
    {
        await using var silo = TestSilo.Start();
        var grain = silo.Factory.GetGrain<IDerivedGrain>("d");

        Assert.Equal("own:d", await grain.OwnNameAsync().Within());
        Assert.Equal("base:d", await grain.BaseNameAsync().Within());
    }
}
