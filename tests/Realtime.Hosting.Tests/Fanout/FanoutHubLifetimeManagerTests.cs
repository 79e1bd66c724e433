using Realtime.Hosting.Tests.Support;

namespace Realtime.Hosting.Tests.Fanout;

public sealed class FanoutHubLifetimeManagerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Joining_a_topic_twice_makes_one_member()
    {
        await using var host = new FanoutHost();
        await host.ConnectAsync("v1", "room/a", "room/a");

        Assert.Single(host.Manager.Members("room/a"));
    }

    [Fact]
    public async Task A_connection_that_closes_leaves_every_topic_it_was_in()
    {
        await using var host = new FanoutHost();
        var viewer = await host.ConnectAsync("v1", "room/a", "user/u1");
        await host.ConnectAsync("v2", "room/a");

        await host.Manager.OnDisconnectedAsync(viewer);

        Assert.Equal(["v2"], host.Manager.Members("room/a").Select(m => m.Context.ConnectionId));
        Assert.Empty(host.Manager.Members("user/u1"));
    }

    [Fact]
    public async Task A_join_after_the_connection_closed_is_ignored()
    {
        await using var host = new FanoutHost();
        var viewer = await host.ConnectAsync("v1");
        await host.Manager.OnDisconnectedAsync(viewer);

        await host.Manager.AddToGroupAsync("v1", "room/a");

        Assert.Empty(host.Manager.Members("room/a"));
    }

    [Fact]
    public async Task Leaving_a_topic_and_joining_again_works_after_the_topic_emptied()
    {
        await using var host = new FanoutHost();
        await host.ConnectAsync("v1", "room/a");

        await host.Manager.RemoveFromGroupAsync("v1", "room/a");
        Assert.Empty(host.Manager.Members("room/a"));
        await host.Manager.AddToGroupAsync("v1", "room/a");

        Assert.Single(host.Manager.Members("room/a"));
    }

    [Fact]
    public async Task SignalRs_own_group_sends_reach_the_members_once_each_except_those_excluded()
    {
        await using var host = new FanoutHost();
        var v1 = await host.ConnectAsync("v1", "room/a", "room/b");
        var v2 = await host.ConnectAsync("v2", "room/b");
        var v3 = await host.ConnectAsync("v3", "room/a");

        await host.Manager.SendGroupsAsync(["room/a", "room/b"], "chat", [new FanoutHost.ChatLine("room/a", 1)]);
        await host.Manager.SendGroupExceptAsync("room/a", "chat", [new FanoutHost.ChatLine("room/a", 2)], ["v3"]);

        await host.Manager.SendGroupAsync("room/a", "chat", [new FanoutHost.ChatLine("room/a", 3)]);

        Assert.Equal([1, 2, 3], await SeqsAsync(v1, 3));
        Assert.Equal([1], await SeqsAsync(v2, 1));
        Assert.Equal([1, 3], await SeqsAsync(v3, 2));
    }

    private static async Task<List<int>> SeqsAsync(PipeHubConnection connection, int records)
    {
        var seqs = new List<int>();
        while (seqs.Count < records)
        {
            var chunk = Assert.Single(await connection.ReadRecordsAsync(1, Timeout));
            seqs.AddRange(chunk.Split('\u001e', StringSplitOptions.RemoveEmptyEntries)
                .Select(r => int.Parse(r[(r.IndexOf("\"seq\":", StringComparison.Ordinal) + 6)..].TrimEnd('}', ']'), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return seqs;
    }
}
