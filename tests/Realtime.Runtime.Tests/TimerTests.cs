using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>Grain timers: ticks are turns, and they end with the activation.</summary>
public sealed class TimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_never_overlap_a_call()
    {
        await using var silo = TestSilo.Start();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period).Within();

        var calls = new List<Task>();
        var ticked = silo.Probe.WaitUntilAsync(p => p.Count("tick:t:1") >= 20, "20 ticks ran");
        while (!ticked.IsCompleted)
        {
            calls.Add(ticker.WorkAsync());
            if (calls.Count % 20 == 0)
            {
                await Task.WhenAny(Task.WhenAll(calls), ticked);
            }
        }

        await ticked;
        await Task.WhenAll(calls).Within();
        Assert.True(silo.Probe.Count("call") > 0);
        Assert.Equal(1, silo.Probe.MaxConcurrentTurns);
    }

    [Fact]
    public async Task Timer_ticks_do_not_count_as_activity_so_a_ticking_grain_still_goes_idle()
    {
        await using var silo = TestSilo.Start();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period).Within();

        // Twenty ticks 5 ms apart take at least 95 ms since the last call, well past a 50 ms idle
        // timeout; had the ticks counted as activity, the grain would never look idle.
        await silo.Probe.WaitUntilAsync(p => p.Count("tick:t:1") >= 20, "20 ticks ran");
        silo.Directory.CollectIdle(TimeSpan.FromMilliseconds(50));

        await silo.Probe.WaitUntilAsync(p => p.Deactivations("t") == 1, "the ticking grain deactivated");
    }

    [Fact]
    public async Task Timers_stop_when_their_activation_deactivates()
    {
        await using var silo = TestSilo.Start();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period).Within();
        await silo.Probe.WaitUntilAsync(p => p.Count("tick:t:1") >= 3, "the first activation ticked");

        silo.Directory.CollectIdle(TimeSpan.Zero);
        await silo.Probe.WaitUntilAsync(p => p.Deactivations("t") == 1, "the first activation deactivated");
        var ticksOfTheFirst = silo.Probe.Count("tick:t:1");

        // The next activation's own timer is the clock: while it ticks ten times, the old one must not tick.
        Assert.Equal(2, await ticker.ActivationNumberAsync().Within());
        await ticker.StartAsync(Period).Within();
        await silo.Probe.WaitUntilAsync(p => p.Count("tick:t:2") >= 10, "the second activation ticked");

        Assert.Equal(ticksOfTheFirst, silo.Probe.Count("tick:t:1"));
    }

    [Fact]
    public async Task A_disposed_timer_stops_ticking()
    {
        await using var silo = TestSilo.Start();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("t");
        var clock = silo.Factory.GetGrain<ITickerGrain>("clock");
        await ticker.StartAsync(Period).Within();
        await silo.Probe.WaitUntilAsync(p => p.Count("tick:t:1") >= 3, "the timer ticked");

        await ticker.StopAsync().Within();
        // A tick already queued before the stop may still be ahead of this call; none after it.
        await ticker.ActivationNumberAsync().Within();
        var ticksAtStop = silo.Probe.Count("tick:t:1");
        await clock.StartAsync(Period).Within();
        await silo.Probe.WaitUntilAsync(p => p.Count("tick:clock:1") >= 10, "another grain's timer ticked");

        Assert.Equal(ticksAtStop, silo.Probe.Count("tick:t:1"));
    }

    [Fact]
    public async Task A_timer_tick_that_writes_state_is_committed_and_its_event_published_like_a_call()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync("ledger/l");
        var ledger = silo.Ledger();
        await ledger.StartAppendingTimerAsync(Period).Within();

        await silo.Storage.WaitForWritesAsync(3);
        await silo.Sink.WaitForEventsAsync(3);

        Assert.Equal(["tick:1", "tick:2", "tick:3"], silo.Sink.Payloads.Take(3));
        var stored = silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items;
        Assert.Equal(stored, Enumerable.Range(1, stored.Count).Select(i => $"tick:{i}"));
        await silo.Directory.DeactivateAllAsync().Within();
    }
}
