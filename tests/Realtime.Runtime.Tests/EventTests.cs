using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>Events published with Publish: after the commits before them, in order, never for a refused write.</summary>
public sealed class EventTests
{
    private const string Topic = "ledger/l";

    [Fact]
    public async Task An_event_leaves_only_after_the_write_of_its_turn_committed()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync(Topic);
        var gate = silo.Storage.HoldNextWrite();

        var append = silo.Ledger().AppendAsync("a");
        await gate.Started.Within();
        Assert.Empty(silo.Sink.Events);

        gate.Release();
        await append.Within();
        await silo.Sink.WaitForEventsAsync(1);
        var e = Assert.Single(silo.Sink.Events);
        Assert.Equal((Topic, "appended", (object)"a"), (e.Topic, e.Name, e.Payload));
    }

    [Fact]
    public async Task Events_of_a_group_commit_and_of_calls_behind_it_leave_in_publication_order_after_the_commit()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync(Topic);
        var ledger = silo.Ledger();
        var firstGate = silo.Storage.HoldNextWrite();
        var secondGate = silo.Storage.HoldNextWrite();

        var first = ledger.AppendAsync("a0");
        await firstGate.Started.Within();
        var rest = new[] { ledger.AppendAsync("a1"), ledger.NoteAsync("n1"), ledger.AppendAsync("a2"), ledger.NoteAsync("n2") };
        firstGate.Release();
        await first.Within();
        await silo.Sink.WaitForEventsAsync(1);
        await secondGate.Started.Within();

        // The notes write nothing themselves, but they came after a write that is not durable yet.
        Assert.Equal(["a0"], silo.Sink.Payloads);

        secondGate.Release();
        await Task.WhenAll(rest).Within();
        await silo.Sink.WaitForEventsAsync(5);
        Assert.Equal(["a0", "a1", "n1", "a2", "n2"], silo.Sink.Payloads);
    }

    [Fact]
    public async Task An_event_of_a_call_that_writes_nothing_leaves_right_after_its_turn()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync(Topic);

        await silo.Ledger().NoteAsync("hello").Within();

        await silo.Sink.WaitForEventsAsync(1);
        Assert.Equal(["hello"], silo.Sink.Payloads);
        Assert.Empty(silo.Storage.Writes);
    }

    [Fact]
    public async Task Events_of_a_write_storage_refused_never_leave()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync(Topic);
        var ledger = silo.Ledger();
        silo.Storage.FailNextWrite(new IOException("disk full"));

        await Assert.ThrowsAsync<IOException>(() => ledger.AppendAsync("lost")).Within();
        await ledger.AppendAsync("kept").Within();

        // Events of one grain leave in order, so once "kept" is out, "lost" would have been too.
        await silo.Sink.WaitForEventsAsync(1);
        Assert.Equal(["kept"], silo.Sink.Payloads);
    }

    [Fact]
    public async Task A_call_retried_after_a_stale_write_publishes_its_event_once()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync(Topic);
        var ledger = silo.Ledger();
        await ledger.AppendAsync("a").Within();
        silo.Storage.WriteBehindTheBackBeforeNextWrite();

        await ledger.AppendAsync("b").Within();
        await ledger.NoteAsync("end").Within();

        await silo.Sink.WaitForEventsAsync(3);
        Assert.Equal(["a", "b", "end"], silo.Sink.Payloads);
    }

    [Fact]
    public async Task Events_of_unsubscribed_topics_are_not_delivered_to_this_silo()
    {
        await using var silo = TestSilo.Start();
        await silo.Bus.SubscribeAsync("ledger/watched");

        await silo.Ledger("unwatched").AppendAsync("x").Within();
        await silo.Ledger("watched").AppendAsync("y").Within();

        await silo.Sink.WaitForEventsAsync(1);
        Assert.Equal(["y"], silo.Sink.Payloads);
        Assert.All(silo.Sink.Events, e => Assert.Equal("ledger/watched", e.Topic));
    }
}
