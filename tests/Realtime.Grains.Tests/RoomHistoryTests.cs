using Realtime.Contracts.Validation;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Snapshots and resumes by sinceSeq.</summary>
public sealed class RoomHistoryTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_join_without_sinceSeq_returns_the_latest_50_of_60_messages_in_order()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 60);

        var snapshot = await JoinAsync(roomId);

        Assert.True(snapshot.Recovered);
        Assert.Equal(60, snapshot.LastSeq);
        Assert.Equal(Enumerable.Range(11, 50).Select(i => (long)i), snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_resume_returns_exactly_the_missed_messages_in_order_and_is_recovered()
    {
        var roomId = await CreateRoomAsync();
        var acks = await SendManyAsync(roomId, 30);

        var snapshot = await JoinAsync(roomId, sinceSeq: 12);

        Assert.True(snapshot.Recovered);
        Assert.Equal(acks.Skip(12).Select(a => a.Seq), snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(acks.Skip(12).Select(a => a.MessageId), snapshot.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_resume_from_the_latest_seq_returns_nothing_and_is_recovered()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 5);

        var snapshot = await JoinAsync(roomId, sinceSeq: 5);

        Assert.True(snapshot.Recovered);
        Assert.Empty(snapshot.Messages);
    }

    [Fact]
    public async Task A_resume_from_beyond_lastSeq_is_not_recovered()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 5);

        var snapshot = await JoinAsync(roomId, sinceSeq: 9);

        Assert.False(snapshot.Recovered);
        Assert.Equal(5, snapshot.LastSeq);
    }

    [Fact]
    public async Task A_resume_that_missed_more_than_1000_messages_is_not_recovered()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 1100);

        var snapshot = await JoinAsync(roomId, sinceSeq: 50);

        Assert.False(snapshot.Recovered);
        Assert.True(snapshot.Messages.Count <= Limits.ResumeMax);
        Assert.Equal(1100, snapshot.Messages[^1].Seq);
        Assert.True(snapshot.Messages.Zip(snapshot.Messages.Skip(1)).All(p => p.First.Seq < p.Second.Seq));
    }

    [Fact]
    public async Task A_resume_of_exactly_1000_missed_messages_is_recovered()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 1050);

        var snapshot = await JoinAsync(roomId, sinceSeq: 50);

        Assert.True(snapshot.Recovered);
        Assert.Equal(Enumerable.Range(51, 1000).Select(i => (long)i), snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_resume_reaching_back_past_the_in_memory_window_reads_the_missed_messages_from_storage()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 1005);
        // Ten deletions inside the window leave fewer than 1000 live lines after seq 3, but seqs 4
        // and 5 fell out of the in-memory window when seq 1005 arrived: only the log has them.
        for (long seq = 500; seq < 510; seq++)
        {
            await Room(roomId).DeleteChatAsync(HostUser, seq);
        }

        var snapshot = await JoinAsync(roomId, sinceSeq: 3);

        Assert.True(snapshot.Recovered);
        var expected = Enumerable.Range(4, 1002).Select(i => (long)i).Where(s => s is < 500 or >= 510);
        Assert.Equal(expected, snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_snapshot_taken_while_messages_are_being_sent_is_consistent_with_its_lastSeq()
    {
        var roomId = await CreateRoomAsync();

        var sends = Enumerable.Range(0, 100).Select(i => SendAsync(roomId, $"u{i % 5}", $"c{i}")).ToList();
        var joins = Enumerable.Range(0, 20).Select(_ => JoinAsync(roomId, sinceSeq: 0)).ToList();
        await Task.WhenAll(sends);
        var snapshots = await Task.WhenAll(joins);

        // A joiner never sees a line that is not durable yet, and never misses one below lastSeq.
        Assert.All(snapshots, s => Assert.Equal(Enumerable.Range(1, (int)s.LastSeq).Select(i => (long)i), s.Messages.Select(m => m.Seq)));
    }

    [Fact]
    public async Task A_negative_sinceSeq_is_invalid()
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync("invalid", () => JoinAsync(roomId, sinceSeq: -1));
    }
}
