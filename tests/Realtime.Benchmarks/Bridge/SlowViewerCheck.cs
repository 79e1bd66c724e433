using System.Diagnostics;
using System.Text.RegularExpressions;
using Realtime.Benchmarks.Support;
using Realtime.Grains.Events;
using Realtime.Hosting.Events;

namespace Realtime.Benchmarks.Bridge;

/// <summary>
/// A scenario, not a benchmark: one viewer watches rooms A and B and its socket stops draining
/// (every flush of its transport waits until released). Does room B's other viewers' delivery wait
/// for it? And once it drains again, does it get every event of both rooms in publication order?
/// </summary>
public static partial class SlowViewerCheck
{
    private const string RoomA = "room/a";
    private const string RoomB = "room/b";

    public static async Task<int> RunAsync(TextWriter output)
    {
        await using var host = new BridgeHost();
        var roomA = new DeliveryCounter();
        var roomB = new DeliveryCounter();
        var slow = new SinkPipeWriter(record: true) { Stuck = true };
        host.Connect("slow", slow, RoomA, RoomB);
        for (var i = 0; i < 5; i++)
        {
            host.Connect($"a{i}", new SinkPipeWriter(roomA), RoomA);
            host.Connect($"b{i}", new SinkPipeWriter(roomB), RoomB);
        }

        host.Start();
        GrainEvent[][] batches = [[Event(RoomA, 1)], [Event(RoomA, 2), Event(RoomB, 1)], [Event(RoomB, 2)], [Event(RoomA, 3)]];
        var all = batches.SelectMany(b => b).ToList();
        roomA.Expect(5 * host.FrameBytes(all.Where(e => e.Topic == RoomA)), CountUnit.Bytes);
        roomB.Expect(5 * host.FrameBytes(all.Where(e => e.Topic == RoomB)), CountUnit.Bytes);
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            host.Bridge.Deliver(batch);
        }

        var limit = TimeSpan.FromSeconds(3);
        var bInTime = roomB.Wait(limit);
        var bTime = Stopwatch.GetElapsedTime(started);
        var aInTime = roomA.Wait(limit);
        output.WriteLine(bInTime
            ? $"room B's other viewers got both events in {bTime.TotalMilliseconds:0.0} ms while the slow viewer was stuck"
            : $"room B's other viewers got {roomB.Bytes} of the bytes of 10 events within {limit.TotalSeconds} s: held up by room A's slow viewer");
        output.WriteLine(aInTime
            ? "room A's other viewers got all 3 events while the slow viewer was stuck"
            : $"room A's other viewers got {roomA.Bytes} of the bytes of 15 events within {limit.TotalSeconds} s");

        slow.Release();
        // Events of one room keep their order; the bridge may write the two rooms' events in either
        // order within a flush interval.
        var expected = new[] { "a:1", "a:2", "a:3", "b:1", "b:2" };
        string[] seen = [];
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            seen = [.. Frame().Matches(slow.Recorded).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}")];
            if (seen.Length >= expected.Length)
            {
                break;
            }

            await Task.Delay(10);
        }

        var ordered = seen.Order().SequenceEqual(expected)
            && seen.Where(s => s[0] == 'a').SequenceEqual(expected[..3])
            && seen.Where(s => s[0] == 'b').SequenceEqual(expected[3..]);
        output.WriteLine($"the slow viewer, once drained, got [{string.Join(", ", seen)}]: {(ordered ? "every event, each room's in publication order" : "NOT every event in each room's order")}");
        output.WriteLine($"deliveries counted by /metrics: {host.Metrics.DeliveriesOut} (expected {3 * 6 + 2 * 6})");
        return bInTime && aInTime && ordered ? 0 : 1;
    }

    private static GrainEvent Event(string topic, long seq) =>
        new(topic, "chat", ChatPayloads.Message(seq, "line") with { RoomId = topic[5..] });

    [GeneratedRegex("\"roomId\":\"(\\w+)\",\"seq\":(\\d+)")]
    private static partial Regex Frame();
}
