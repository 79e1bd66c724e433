using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Grains.Common;
using Realtime.Grains.Events;
using Realtime.Hosting.Events;
using Realtime.Hosting.Tests.Support;

namespace Realtime.Hosting.Tests.Events;

/// <summary>The silo's relay against a real room grain: items pass in seq order exactly once, gaps come from the room's log.</summary>
public sealed class SiloEventRelayTests(RoomCluster room) : IClassFixture<RoomCluster>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_line_after_a_gap_waits_for_the_missing_lines_which_come_from_the_rooms_log()
    {
        var (relay, sink) = await StartAsync();
        var topic = Topics.Room(room.RoomId);

        relay.Subscribing(topic);
        relay.Subscribed(topic, 0, renewal: false);
        await relay.DeliverAsync(new EventBatch("a", 1, [room.Chat(1), room.Chat(2)]));
        await relay.DeliverAsync(new EventBatch("a", 2, [room.Chat(5)]));

        var lines = await sink.ChatAsync(5, Timeout);
        Assert.Equal([1L, 2, 3, 4, 5], lines.Select(l => l.Seq));
        Assert.Equal(["sent", "sent", "line 3", "line 4", "sent"], lines.Select(l => l.Text));
        await relay.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_line_that_arrives_twice_passes_once()
    {
        var (relay, sink) = await StartAsync();
        var topic = Topics.Room(room.RoomId);

        relay.Subscribing(topic);
        relay.Subscribed(topic, 0, renewal: false);
        await relay.DeliverAsync(new EventBatch("a", 1, [room.Chat(1), room.Chat(2)]));
        await relay.DeliverAsync(new EventBatch("b", 1, [room.Chat(2), room.Chat(3)]));

        var lines = await sink.ChatAsync(3, Timeout);
        Assert.Equal([1L, 2, 3], lines.Select(l => l.Seq));
        await relay.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_renewal_that_finds_the_room_ahead_fills_what_this_silo_missed()
    {
        var (relay, sink) = await StartAsync();
        var topic = Topics.Room(room.RoomId);

        relay.Subscribing(topic);
        relay.Subscribed(topic, 0, renewal: false);
        await relay.DeliverAsync(new EventBatch("a", 1, [room.Chat(1), room.Chat(2)]));
        // The room moved and published 3..6 while this silo was not subscribed; the renewal says so.
        relay.Subscribed(topic, room.Lines, renewal: true);

        var lines = await sink.ChatAsync(room.Lines, Timeout);
        Assert.Equal(Enumerable.Range(1, room.Lines).Select(i => (long)i), lines.Select(l => l.Seq));
        Assert.Equal("line 6", lines[^1].Text);
        await relay.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_first_subscription_sets_where_a_topic_stands_so_older_lines_are_not_fetched()
    {
        var (relay, sink) = await StartAsync();
        var topic = Topics.Room(room.RoomId);

        relay.Subscribing(topic);
        relay.Subscribed(topic, room.Lines, renewal: false);
        await relay.DeliverAsync(new EventBatch("a", 1, [room.Chat(room.Lines + 1, "next")]));

        var lines = await sink.ChatAsync(1, Timeout);
        Assert.Equal([(room.Lines + 1L, "next")], lines);
        await relay.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Subscribing_again_after_leaving_a_topic_does_not_fetch_what_the_viewers_snapshot_holds()
    {
        var (relay, sink) = await StartAsync();
        var topic = Topics.Room(room.RoomId);
        relay.Subscribing(topic);
        relay.Subscribed(topic, 0, renewal: false);
        await relay.DeliverAsync(new EventBatch("a", 1, [room.Chat(1), room.Chat(2)]));
        await sink.ChatAsync(2, Timeout);

        relay.Unsubscribed(topic);
        // A batch sent before the room dropped the subscription arrives after it.
        await relay.DeliverAsync(new EventBatch("a", 2, [room.Chat(2)]));
        relay.Subscribing(topic);
        relay.Subscribed(topic, room.Lines, renewal: false);
        await relay.DeliverAsync(new EventBatch("b", 1, [room.Chat(room.Lines + 1, "next")]));

        var lines = await sink.ChatAsync(3, Timeout);
        Assert.Equal([1L, 2, room.Lines + 1], lines.Select(l => l.Seq));
        await relay.StopAsync(CancellationToken.None);
    }

    private async Task<(SiloEventRelay Relay, RecordingSink Sink)> StartAsync()
    {
        var sink = new RecordingSink();
        var relay = new SiloEventRelay(sink, room.Grains, NullLogger<SiloEventRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        return (relay, sink);
    }
}
