using Realtime.Runtime.Persistence;
using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>The version fence: a stale activation never overwrites newer state; its calls retry on a fresh one.</summary>
public sealed class ConflictTests
{
    [Fact]
    public async Task A_stale_write_drops_the_activation_and_the_retried_call_succeeds_on_a_fresh_one_that_sees_the_newer_state()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var id = TestSilo.LedgerId();
        Assert.Equal(1, await ledger.AppendAsync("a").Within());

        // Another silo owned the grain for a moment and wrote version 2.
        silo.Storage.WriteBehindTheBack(id, new LedgerState { Items = ["a", "elsewhere"], LastSeq = 2 }, new LogRecord(2, "item:elsewhere", "\"elsewhere\""));

        var seq = await ledger.AppendAsync("b").Within();

        Assert.Equal(3, seq);
        Assert.Equal(["a", "elsewhere", "b"], silo.Storage.ReadState<LedgerState>(id)!.Items);
        Assert.Equal(3, silo.Storage.VersionOf(id));
        Assert.Equal([1L, 2L, 3L], silo.Storage.LogOf(id).Select(r => r.Seq));
        var refused = Assert.Single(silo.Storage.Writes, w => !w.Succeeded);
        Assert.IsType<StorageConflictException>(refused.Failure);
        Assert.Equal(2, await ledger.ActivationNumberAsync().Within());
        Assert.Equal(["activate:l:1:", "activate:l:2:a,elsewhere"], silo.Probe.Log.Where(e => e.StartsWith("activate:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_stale_activation_does_not_run_its_deactivation_hook_or_write_again()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AddUnsavedAsync("unsaved").Within();
        silo.Storage.WriteBehindTheBackBeforeNextWrite();

        await ledger.AppendAsync("b").Within();

        // Attempt 1 was refused; the retry on activation 2 committed. Activation 1 left quietly.
        Assert.Equal(2, silo.Storage.Writes.Count);
        Assert.Equal(0, silo.Probe.Deactivations("l"));
        Assert.DoesNotContain("unsaved", silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items);
    }

    [Fact]
    public async Task Every_call_of_a_refused_group_commit_is_retried_and_succeeds_on_a_fresh_activation()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var id = TestSilo.LedgerId();
        var gate = silo.Storage.HoldNextWrite();

        var first = ledger.AppendAsync("first");
        await gate.Started.Within();
        var queued = Enumerable.Range(1, 5).Select(i => ledger.AppendAsync($"item{i}")).ToArray();
        silo.Storage.WriteBehindTheBackBeforeNextWrite();
        gate.Release();
        await first.Within();

        var seqs = await Task.WhenAll(queued).Within();

        Assert.Equal(Enumerable.Range(2, 5).Select(i => (long)i), seqs.Order());
        var items = silo.Storage.ReadState<LedgerState>(id)!.Items;
        Assert.Equal("first", items[0]);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"item{i}"), items.Skip(1).Order());
        Assert.Equal(2, silo.Probe.Activations("l"));
    }

    [Fact]
    public async Task A_call_that_meets_two_stale_activations_in_a_row_still_succeeds_on_the_third()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AppendAsync("a").Within();
        silo.Storage.WriteBehindTheBackBeforeNextWrite();
        silo.Storage.WriteBehindTheBackBeforeNextWrite();

        Assert.Equal(2, await ledger.AppendAsync("b").Within());

        Assert.Equal(3, silo.Probe.Activations("l"));
        Assert.Equal(2, silo.Storage.Writes.Count(w => w.Failure is StorageConflictException));
    }

    [Fact]
    public async Task A_call_that_keeps_meeting_stale_state_gives_up_after_three_attempts_with_the_conflict()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        for (var i = 0; i < 3; i++)
        {
            silo.Storage.WriteBehindTheBackBeforeNextWrite();
        }

        await Assert.ThrowsAsync<StorageConflictException>(() => ledger.AppendAsync("never")).Within();

        Assert.Equal(3, silo.Probe.Activations("l"));
        Assert.DoesNotContain("never", silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())?.Items ?? []);
        // The grain is usable again straight away.
        Assert.Equal(1, await ledger.AppendAsync("now").Within());
    }

    [Fact]
    public async Task A_storage_failure_answers_the_caller_with_the_error_and_the_next_call_reloads_from_storage()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var id = TestSilo.LedgerId();
        await ledger.AppendAsync("a").Within();
        silo.Storage.FailNextWrite(new IOException("connection reset"));

        var e = await Assert.ThrowsAsync<IOException>(() => ledger.AppendAsync("lost")).Within();
        Assert.Equal("connection reset", e.Message);

        Assert.Equal(["a"], await ledger.ItemsAsync().Within());
        Assert.Equal(2, await ledger.ActivationNumberAsync().Within());
        Assert.Equal(2, silo.Storage.ReadCount(id));
        Assert.Equal(2, await ledger.AppendAsync("b").Within());
        Assert.Equal(["a", "b"], silo.Storage.ReadState<LedgerState>(id)!.Items);
    }

    [Fact]
    public async Task Calls_queued_behind_a_failed_commit_are_not_lost_but_run_on_the_next_activation()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var gate = silo.Storage.HoldNextWrite();

        var doomed = ledger.AppendAsync("doomed");
        await gate.Started.Within();
        var behind = new[] { ledger.AppendAsync("b1"), ledger.AppendAsync("b2") };
        gate.Fail(new IOException("disk full"));

        await Assert.ThrowsAsync<IOException>(() => doomed).Within();
        var seqs = await Task.WhenAll(behind).Within();

        Assert.Equal([1L, 2L], seqs.Order());
        Assert.Equal(["b1", "b2"], silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items.Order());
    }

    [Fact]
    public async Task An_activation_that_cannot_load_its_state_fails_the_call_and_the_next_call_activates_afresh()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var read = silo.Storage.HoldNextRead();
        var call = ledger.ItemsAsync();
        await read.Started.Within();
        read.Fail(new IOException("database unreachable"));

        var e = await Assert.ThrowsAsync<IOException>(() => call).Within();
        Assert.Equal("database unreachable", e.Message);

        Assert.Equal(1, await ledger.AppendAsync("a").Within());
        Assert.Equal(1, await ledger.ActivationNumberAsync().Within());
        Assert.Equal(2, silo.Storage.ReadCount(TestSilo.LedgerId()));
    }

    [Fact]
    public async Task An_activation_whose_activation_hook_throws_fails_the_call_and_the_next_call_activates_afresh()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        silo.Probe.FailActivation["l"] = new InvalidDataException("corrupt row");
        var call = ledger.ItemsAsync();
        await silo.Probe.Reached("activate:l");
        silo.Probe.Open("activate:l");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => call).Within();
        Assert.Equal("corrupt row", e.Message);

        Assert.Equal(1, await ledger.AppendAsync("a").Within());
        Assert.Equal(2, await ledger.ActivationNumberAsync().Within());
        Assert.Equal(0, silo.Probe.Deactivations("l"));
    }
}
