using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>Grain&lt;TState&gt; writes: group commit and acknowledgement after commit.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_single_write_is_acknowledged_after_storage_committed_it()
    {
        await using var silo = TestSilo.Start();
        var gate = silo.Storage.HoldNextWrite();

        var append = silo.Ledger().AppendAsync("a");
        var write = await gate.Started.Within();

        Assert.False(append.IsCompleted);
        Assert.Equal(0, write.ExpectedVersion);
        Assert.Single(write.Appends);

        gate.Release();
        Assert.Equal(1, await append.Within());
        Assert.Equal(1, silo.Storage.VersionOf(TestSilo.LedgerId()));
        Assert.Equal(["a"], silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items);
        Assert.Equal([1L], silo.Storage.LogOf(TestSilo.LedgerId()).Select(r => r.Seq));
    }

    [Fact]
    public async Task Calls_that_queue_while_a_write_is_in_flight_are_committed_together_in_one_more_write()
    {
        const int n = 20;
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        var firstGate = silo.Storage.HoldNextWrite();
        var secondGate = silo.Storage.HoldNextWrite();

        var first = ledger.AppendAsync("first");
        await firstGate.Started.Within();
        var queued = Enumerable.Range(1, n).Select(i => ledger.AppendAsync($"item{i}")).ToArray();

        firstGate.Release();
        Assert.Equal(1, await first.Within());

        var groupWrite = await secondGate.Started.Within();
        Assert.Equal(n, groupWrite.Appends.Count);
        Assert.Equal(Enumerable.Range(2, n).Select(i => (long)i), groupWrite.Appends.Select(a => a.Seq));
        Assert.Equal(1, groupWrite.ExpectedVersion);
        // Every one of them ran up to its commit point, and not one is answered before the commit.
        Assert.All(queued, t => Assert.False(t.IsCompleted));

        secondGate.Release();
        var seqs = await Task.WhenAll(queued).Within();

        Assert.Equal(Enumerable.Range(2, n).Select(i => (long)i), seqs);
        Assert.Equal([1, n], silo.Storage.Writes.Select(w => w.Write.Appends.Count));
        Assert.Equal(2, silo.Storage.VersionOf(TestSilo.LedgerId()));
        Assert.Equal(n + 1, silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items.Count);
    }

    [Fact]
    public async Task A_group_commit_carries_at_most_the_configured_batch_of_writes()
    {
        await using var silo = TestSilo.Start(new Dictionary<string, string?> { ["Realtime:Runtime:MaxCommitBatch"] = "3" });
        var ledger = silo.Ledger();
        var gate = silo.Storage.HoldNextWrite();

        var first = ledger.AppendAsync("first");
        await gate.Started.Within();
        var queued = Enumerable.Range(1, 7).Select(i => ledger.AppendAsync($"item{i}")).ToArray();
        gate.Release();
        await Task.WhenAll(queued.Append(first)).Within();

        Assert.Equal([1, 3, 3, 1], silo.Storage.Writes.Select(w => w.Write.Appends.Count));
        Assert.Equal(8, silo.Storage.ReadState<LedgerState>(TestSilo.LedgerId())!.Items.Count);
    }

    [Fact]
    public async Task A_call_that_reads_while_an_earlier_write_is_uncommitted_is_answered_only_after_that_commit()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AppendAsync("durable").Within();
        var firstGate = silo.Storage.HoldNextWrite();
        var secondGate = silo.Storage.HoldNextWrite();

        var blocking = ledger.AppendAsync("blocking");
        await firstGate.Started.Within();
        var pending = ledger.AppendAsync("pending");
        var read = ledger.ItemsAsync();
        firstGate.Release();
        await blocking.Within();
        await secondGate.Started.Within();

        // The read ran after "pending" reached its commit point; it must not answer with state
        // that storage has not accepted yet.
        Assert.False(read.IsCompleted);

        secondGate.Release();
        Assert.Equal(["durable", "blocking", "pending"], await read.Within());
        await pending.Within();
    }

    [Fact]
    public async Task A_reader_that_saw_a_write_storage_refused_is_retried_on_durable_state()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AppendAsync("durable").Within();
        var firstGate = silo.Storage.HoldNextWrite();
        var secondGate = silo.Storage.HoldNextWrite();

        var blocking = ledger.AppendAsync("blocking");
        await firstGate.Started.Within();
        var doomed = ledger.AppendAsync("doomed");
        var read = ledger.ItemsAsync();
        firstGate.Release();
        await blocking.Within();
        await secondGate.Started.Within();
        secondGate.Fail(new IOException("disk full"));

        await Assert.ThrowsAsync<IOException>(() => doomed).Within();
        Assert.Equal(["durable", "blocking"], await read.Within());
    }

    [Fact]
    public async Task A_stateful_grain_writes_nothing_until_a_turn_asks_for_it()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();

        await ledger.NoteAsync("just a note").Within();
        Assert.Empty(await ledger.ItemsAsync().Within());

        Assert.Empty(silo.Storage.Writes);
        Assert.Equal(1, silo.Storage.ReadCount(TestSilo.LedgerId()));
    }

    [Fact]
    public async Task State_committed_by_one_activation_is_what_the_next_activation_loads()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();
        await ledger.AppendAsync("a").Within();
        await ledger.AppendAsync("b").Within();

        await silo.Directory.DeactivateAllAsync().Within();

        Assert.Equal(["a", "b"], await ledger.ItemsAsync().Within());
        Assert.Equal(2, await ledger.VersionAsync().Within());
        Assert.Equal(2, await ledger.ActivationNumberAsync().Within());
    }

    [Fact]
    public async Task A_turn_that_asks_for_a_second_write_fails_but_its_first_write_still_commits()
    {
        await using var silo = TestSilo.Start();
        var ledger = silo.Ledger();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.WriteTwiceAsync()).Within();

        Assert.Contains("at most once", e.Message, StringComparison.Ordinal);
        Assert.Single(silo.Storage.Writes);
        Assert.Equal(["twice"], await ledger.ItemsAsync().Within());
    }
}
