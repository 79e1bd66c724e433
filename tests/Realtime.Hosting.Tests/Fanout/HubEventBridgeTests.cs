using System.Text.RegularExpressions;
using Realtime.Hosting.Tests.Support;
using Realtime.Grains.Events;
using Realtime.Hosting.Events;

namespace Realtime.Hosting.Tests.Fanout;

public sealed partial class HubEventBridgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Events_waiting_when_the_bridge_looks_reach_a_viewer_in_one_write_in_order()
    {
        await using var host = new FanoutHost();
        var viewer = await host.ConnectAsync("v1", "room/a");
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 1)]);
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 2), FanoutHost.Chat("room/a", 3)]);
        await host.StartAsync();

        var chunks = await viewer.ReadRecordsAsync(3, Timeout);

        Assert.Single(chunks);
        Assert.Equal(["room/a:1", "room/a:2", "room/a:3"], Lines(chunks));
    }

    [Fact]
    public async Task An_event_finding_the_silo_quiet_goes_out_alone_and_later_ones_share_the_next_write()
    {
        await using var host = new FanoutHost(flushIntervalMs: 1000);
        var viewer = await host.ConnectAsync("v1", "room/a");
        await host.StartAsync();

        host.Bridge.Deliver([FanoutHost.Chat("room/a", 1)]);
        var first = await viewer.ReadRecordsAsync(1, Timeout);
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 2)]);
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 3)]);
        var next = await viewer.ReadRecordsAsync(2, Timeout);

        Assert.Equal(["room/a:1"], Lines(first));
        Assert.Single(next);
        Assert.Equal(["room/a:2", "room/a:3"], Lines(next));
    }

    [Fact]
    public async Task A_topic_below_the_pacing_size_is_written_at_once_while_a_busy_one_waits_for_its_interval()
    {
        await using var host = new FanoutHost(flushIntervalMs: 1000, coalesceFromMembers: 2);
        var viewer = await host.ConnectAsync("v1", "room/big", "user/u1");
        await host.ConnectAsync("v2", "room/big");
        await host.StartAsync();

        host.Bridge.Deliver([FanoutHost.Chat("room/big", 1)]);
        var first = await viewer.ReadRecordsAsync(1, Timeout);
        host.Bridge.Deliver([FanoutHost.Chat("room/big", 2)]);
        host.Bridge.Deliver([FanoutHost.Chat("user/u1", 1)]);
        var rest = await viewer.ReadRecordsAsync(2, Timeout);

        Assert.Equal(["room/big:1"], Lines(first));
        Assert.Equal(["user/u1:1", "room/big:2"], Lines(rest));
    }

    [Fact]
    public async Task A_translation_waits_while_its_original_is_held_back()
    {
        await using var host = new FanoutHost(flushIntervalMs: 1000, coalesceFromMembers: 2);
        var viewer = await host.ConnectAsync("v1", "room/big", "room/big/lang/es");
        await host.ConnectAsync("v2", "room/big");
        await host.StartAsync();

        host.Bridge.Deliver([FanoutHost.Chat("room/big", 1)]);
        var first = await viewer.ReadRecordsAsync(1, Timeout);
        host.Bridge.Deliver([FanoutHost.Chat("room/big", 2)]);
        host.Bridge.Deliver([FanoutHost.Chat("room/big/lang/es", 2)]);
        var rest = await viewer.ReadRecordsAsync(2, Timeout);

        Assert.Equal(["room/big:1"], Lines(first));
        Assert.Equal(["room/big:2", "room/big/lang/es:2"], Lines(rest));
    }

    [Fact]
    public async Task A_translation_never_reaches_a_viewer_before_its_original()
    {
        await using var host = new FanoutHost();
        var viewer = await host.ConnectAsync("v1", "room/a", "room/a/lang/es");
        host.Bridge.Deliver([FanoutHost.Chat("room/a/lang/es", 5)]);
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 6)]);
        host.Bridge.Deliver([FanoutHost.Chat("room/a/lang/es", 6)]);
        await host.StartAsync();

        var chunks = await viewer.ReadRecordsAsync(3, Timeout);

        Assert.Equal(["room/a:6", "room/a/lang/es:5", "room/a/lang/es:6"], Lines(chunks));
    }

    [Fact]
    public async Task Each_viewer_gets_only_its_topics_and_deliveries_are_counted_per_viewer_and_event()
    {
        await using var host = new FanoutHost();
        var a1 = await host.ConnectAsync("a1", "room/a");
        var a2 = await host.ConnectAsync("a2", "room/a");
        var b1 = await host.ConnectAsync("b1", "room/b");
        host.Bridge.Deliver([FanoutHost.Chat("room/a", 1), FanoutHost.Chat("room/nobody", 1), FanoutHost.Chat("room/b", 1), FanoutHost.Chat("room/a", 2)]);
        await host.StartAsync();

        Assert.Equal(["room/a:1", "room/a:2"], Lines(await a1.ReadRecordsAsync(2, Timeout)));
        Assert.Equal(["room/a:1", "room/a:2"], Lines(await a2.ReadRecordsAsync(2, Timeout)));
        Assert.Equal(["room/b:1"], Lines(await b1.ReadRecordsAsync(1, Timeout)));
        Assert.Equal(5, host.Metrics.DeliveriesOut);
    }

    [Fact]
    public async Task A_payload_that_cannot_be_serialised_is_dropped_and_the_rest_of_its_write_goes_out()
    {
        await using var host = new FanoutHost();
        var viewer = await host.ConnectAsync("v1", "room/a");
        host.Bridge.Deliver([
            FanoutHost.Chat("room/a", 1),
            new GrainEvent("room/a", "chat", new Unserialisable()),
            FanoutHost.Chat("room/a", 2),
        ]);
        await host.StartAsync();

        var chunks = await viewer.ReadRecordsAsync(2, Timeout);

        Assert.Equal(["room/a:1", "room/a:2"], Lines(chunks));
        Assert.Equal(2, chunks.Sum(c => c.Count(ch => ch == '\u001e')));
    }

    [Fact]
    public async Task A_viewer_that_stopped_reading_holds_up_nobody_and_is_closed_past_its_queued_write_limit()
    {
        await using var host = new FanoutHost(maxQueuedWrites: 2);
        var stalled = await host.ConnectAsync("stalled", pauseAtBytes: 2, "room/a");
        var other = await host.ConnectAsync("other", "room/a");
        var closed = new TaskCompletionSource();
        stalled.ConnectionAborted.Register(() => closed.TrySetResult());
        await host.StartAsync();

        var received = new List<string>();
        for (var seq = 1; seq <= 4; seq++)
        {
            host.Bridge.Deliver([FanoutHost.Chat("room/a", seq)]);
            received.AddRange(Lines(await other.ReadRecordsAsync(1, Timeout)));
        }

        await closed.Task.WaitAsync(Timeout);
        Assert.Equal(["room/a:1", "room/a:2", "room/a:3", "room/a:4"], received);
    }

    private static List<string> Lines(IEnumerable<string> chunks) =>
        [.. chunks.SelectMany(c => Line().Matches(c)).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}")];

    [GeneratedRegex("\"topic\":\"([^\"]+)\",\"seq\":(\\d+)")]
    private static partial Regex Line();

    /// <summary>A payload System.Text.Json refuses: its only property throws.</summary>
    private sealed class Unserialisable
    {
        public string Value => throw new InvalidOperationException("not serialisable");
    }
}
