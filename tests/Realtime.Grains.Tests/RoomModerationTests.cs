using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Slow mode, bans, deletion and pins: what the host may do, and what it does to chat.</summary>
public sealed class RoomModerationTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Slow_mode_refuses_a_second_message_within_the_window_and_allows_it_after()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).SetSlowModeAsync(HostUser, 10);
        await SendAsync(roomId, "u1", "c1");

        Clock.Advance(TimeSpan.FromSeconds(9));
        await RefusedAsync(ErrorCodes.SlowMode, () => SendAsync(roomId, "u1", "c2"));
        Assert.Equal(1, (await JoinAsync(roomId)).LastSeq);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var ack = await SendAsync(roomId, "u1", "c2");
        Assert.Equal(2, ack.Seq);
    }

    [Fact]
    public async Task A_retry_within_the_slow_mode_window_is_answered_as_a_duplicate_not_refused()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).SetSlowModeAsync(HostUser, 60);
        var first = await SendAsync(roomId, "u1", "c1");

        var retry = await SendAsync(roomId, "u1", "c1");

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
    }

    [Fact]
    public async Task Slow_mode_counts_each_user_separately()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).SetSlowModeAsync(HostUser, 30);
        await SendAsync(roomId, "u1", "c1");

        var other = await SendAsync(roomId, "u2", "c1");

        Assert.Equal(2, other.Seq);
    }

    [Fact]
    public async Task Slow_mode_never_applies_to_the_host()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).SetSlowModeAsync(HostUser, 300);

        var acks = new List<ChatAck>();
        for (var i = 0; i < 5; i++)
        {
            acks.Add(await SendAsync(roomId, HostUser, $"h{i}"));
        }

        Assert.Equal([1L, 2, 3, 4, 5], acks.Select(a => a.Seq));
    }

    [Fact]
    public async Task Turning_slow_mode_on_and_off_publishes_roomSettings_and_shows_in_snapshots()
    {
        var roomId = await CreateRoomAsync();

        await Room(roomId).SetSlowModeAsync(HostUser, 15);
        await Events.WaitForAsync(HubEvents.RoomSettings, (RoomSettings s) => s.RoomId == roomId && s.SlowModeSeconds == 15, "15 s");
        Assert.Equal(15, (await JoinAsync(roomId)).SlowModeSeconds);

        await Room(roomId).SetSlowModeAsync(HostUser, 0);
        await Events.WaitForAsync(HubEvents.RoomSettings, (RoomSettings s) => s.RoomId == roomId && s.SlowModeSeconds == 0, "0 s");
        Assert.Equal(0, (await JoinAsync(roomId)).SlowModeSeconds);
        await SendAsync(roomId, "u1", "c1");
        await SendAsync(roomId, "u1", "c2");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task Slow_mode_outside_0_to_300_seconds_is_invalid(int seconds)
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.Invalid, () => Room(roomId).SetSlowModeAsync(HostUser, seconds));

        Assert.Equal(0, (await JoinAsync(roomId)).SlowModeSeconds);
    }

    [Fact]
    public async Task Only_the_host_may_set_slow_mode()
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.Forbidden, () => Room(roomId).SetSlowModeAsync("u1", 30));

        Assert.Equal(0, (await JoinAsync(roomId)).SlowModeSeconds);
    }

    [Fact]
    public async Task Only_the_host_may_pin()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");

        await RefusedAsync(ErrorCodes.Forbidden, () => Room(roomId).PinChatAsync("u1", ack.Seq));

        Assert.Null((await JoinAsync(roomId)).Pinned);
    }

    [Fact]
    public async Task Only_the_host_may_ban()
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.Forbidden, () => Room(roomId).BanAsync("u1", "u2", 60));

        await SendAsync(roomId, "u2", "c1");
    }

    [Fact]
    public async Task A_banned_user_cannot_chat_and_is_told_banned()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).BanAsync(HostUser, "troll", 30);

        await RefusedAsync(ErrorCodes.Banned, () => SendAsync(roomId, "troll", "c1"));

        Assert.Equal(0, (await JoinAsync(roomId)).LastSeq);
        Assert.Equal(1, (await SendAsync(roomId, "u1", "c1")).Seq);
    }

    [Fact]
    public async Task A_banned_user_can_still_watch()
    {
        var roomId = await CreateRoomAsync();
        await SendAsync(roomId, "u1", "c1");
        await Room(roomId).BanAsync(HostUser, "troll", 30);

        var snapshot = await JoinAsync(roomId);

        Assert.Single(snapshot.Messages);
    }

    [Fact]
    public async Task A_ban_of_zero_minutes_lifts_the_ban()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).BanAsync(HostUser, "troll", 30);
        await RefusedAsync(ErrorCodes.Banned, () => SendAsync(roomId, "troll", "c1"));

        await Room(roomId).BanAsync(HostUser, "troll", 0);

        Assert.False((await SendAsync(roomId, "troll", "c1")).Duplicate);
    }

    [Fact]
    public async Task A_ban_ends_when_its_minutes_have_passed()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).BanAsync(HostUser, "troll", 30);

        Clock.Advance(TimeSpan.FromMinutes(29));
        await RefusedAsync(ErrorCodes.Banned, () => SendAsync(roomId, "troll", "c1"));
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, (await SendAsync(roomId, "troll", "c1")).Seq);
    }

    [Fact]
    public async Task A_ban_survives_a_restart()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).BanAsync(HostUser, "troll", 30);

        await RestartAsync(crash: true);

        await RefusedAsync(ErrorCodes.Banned, () => SendAsync(roomId, "troll", "c1"));
    }

    [Fact]
    public async Task The_host_cannot_be_banned()
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.Invalid, () => Room(roomId).BanAsync(HostUser, HostUser, 30));

        await SendAsync(roomId, HostUser, "c1");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10081)]
    public async Task A_ban_outside_0_to_10080_minutes_is_invalid(int minutes)
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.Invalid, () => Room(roomId).BanAsync(HostUser, "troll", minutes));

        await SendAsync(roomId, "troll", "c1");
    }

    [Fact]
    public async Task The_author_may_delete_their_own_message()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");

        await Room(roomId).DeleteChatAsync("u1", ack.Seq);

        Assert.Empty((await JoinAsync(roomId)).Messages);
    }

    [Fact]
    public async Task The_host_may_delete_anyones_message()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");

        await Room(roomId).DeleteChatAsync(HostUser, ack.Seq);

        Assert.Empty((await JoinAsync(roomId)).Messages);
    }

    [Fact]
    public async Task Someone_neither_host_nor_author_may_not_delete_a_message()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");

        await RefusedAsync(ErrorCodes.Forbidden, () => Room(roomId).DeleteChatAsync("u2", ack.Seq));

        Assert.Single((await JoinAsync(roomId)).Messages);
    }

    [Fact]
    public async Task Deleting_a_message_the_room_does_not_have_fails_with_not_found()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");
        await Room(roomId).DeleteChatAsync("u1", ack.Seq);

        await RefusedAsync(ErrorCodes.NotFound, () => Room(roomId).DeleteChatAsync(HostUser, ack.Seq));
        await RefusedAsync(ErrorCodes.NotFound, () => Room(roomId).DeleteChatAsync(HostUser, 7));
    }

    [Fact]
    public async Task A_deleted_message_is_absent_from_snapshots_and_resumes_and_chatDeleted_is_published()
    {
        var roomId = await CreateRoomAsync();
        var acks = await SendManyAsync(roomId, 3);

        await Room(roomId).DeleteChatAsync(HostUser, 2);

        await Events.WaitForAsync(HubEvents.ChatDeleted, (ChatDeleted d) => d.RoomId == roomId && d.Seq == 2, "seq 2");
        var snapshot = await JoinAsync(roomId);
        Assert.Equal([1L, 3], snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(3, snapshot.LastSeq);
        var resume = await JoinAsync(roomId, sinceSeq: 0);
        Assert.True(resume.Recovered);
        Assert.Equal([1L, 3], resume.Messages.Select(m => m.Seq));
        Assert.DoesNotContain(resume.Messages, m => m.MessageId == acks[1].MessageId);
    }

    [Fact]
    public async Task Messages_older_than_the_in_memory_window_can_be_deleted()
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 1005);

        for (long seq = 1; seq <= 5; seq++)
        {
            await Room(roomId).DeleteChatAsync(HostUser, seq);
        }

        await Events.WaitForAsync(HubEvents.ChatDeleted, (ChatDeleted d) => d.RoomId == roomId && d.Seq == 5, "seq 5");
        var resume = await JoinAsync(roomId, sinceSeq: 0);
        Assert.True(resume.Recovered);
        Assert.Equal(Enumerable.Range(6, 1000).Select(i => (long)i), resume.Messages.Select(m => m.Seq));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deleted_message_stays_absent_after_a_restart(bool crash)
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 3);
        await Room(roomId).DeleteChatAsync(HostUser, 2);

        await RestartAsync(crash);

        Assert.Equal([1L, 3], (await JoinAsync(roomId)).Messages.Select(m => m.Seq));
        Assert.Equal([1L, 3], (await JoinAsync(roomId, sinceSeq: 0)).Messages.Select(m => m.Seq));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_seq_of_a_deleted_message_is_never_reused_even_after_a_restart(bool crash)
    {
        var roomId = await CreateRoomAsync();
        await SendManyAsync(roomId, 3);
        await Room(roomId).DeleteChatAsync(HostUser, 3);
        Assert.Equal(4, (await SendAsync(roomId, "u1", "c1")).Seq);
        await Room(roomId).DeleteChatAsync(HostUser, 4);

        await RestartAsync(crash);

        Assert.Equal(5, (await SendAsync(roomId, "u1", "c2")).Seq);
        Assert.Equal(5, (await JoinAsync(roomId)).LastSeq);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retrying_the_clientMessageId_of_a_deleted_message_after_a_restart_is_a_duplicate(bool crash)
    {
        var roomId = await CreateRoomAsync();
        var original = await SendAsync(roomId, "u1", "c1");
        await SendAsync(roomId, "u2", "c1");
        await Room(roomId).DeleteChatAsync("u1", original.Seq);
        await RestartAsync(crash);

        var retry = await SendAsync(roomId, "u1", "c1");

        Assert.True(retry.Duplicate);
        Assert.Equal(original.Seq, retry.Seq);
        Assert.Equal(original.MessageId, retry.MessageId);
        var snapshot = await JoinAsync(roomId);
        Assert.Equal(2, snapshot.LastSeq);
        Assert.Equal([2L], snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task Pinning_and_unpinning_publish_chatPinned_and_show_in_snapshots()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1", "read the rules");

        await Room(roomId).PinChatAsync(HostUser, ack.Seq);

        var pinned = await Events.WaitForAsync(HubEvents.ChatPinned, (ChatPinned p) => p.RoomId == roomId && p.Message is not null, "a message");
        Assert.Equal(ack.Seq, pinned.Message!.Seq);
        Assert.Equal("read the rules", pinned.Message.Text);
        Assert.Equal(ack.MessageId, (await JoinAsync(roomId)).Pinned?.MessageId);

        await Room(roomId).PinChatAsync(HostUser, null);

        await Events.WaitForAsync(HubEvents.ChatPinned, (ChatPinned p) => p.RoomId == roomId && p.Message is null, "null");
        Assert.Null((await JoinAsync(roomId)).Pinned);
    }

    [Fact]
    public async Task Pinning_a_message_the_room_does_not_have_fails_with_not_found()
    {
        var roomId = await CreateRoomAsync();

        await RefusedAsync(ErrorCodes.NotFound, () => Room(roomId).PinChatAsync(HostUser, 1));
    }

    [Fact]
    public async Task The_pin_survives_a_restart()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");
        await Room(roomId).PinChatAsync(HostUser, ack.Seq);

        await RestartAsync(crash: true);

        Assert.Equal(ack.MessageId, (await JoinAsync(roomId)).Pinned?.MessageId);
    }

    [Fact]
    public async Task Deleting_the_pinned_message_unpins_it()
    {
        var roomId = await CreateRoomAsync();
        var ack = await SendAsync(roomId, "u1", "c1");
        await Room(roomId).PinChatAsync(HostUser, ack.Seq);

        await Room(roomId).DeleteChatAsync("u1", ack.Seq);

        await Events.WaitForAsync(HubEvents.ChatPinned, (ChatPinned p) => p.RoomId == roomId && p.Message is null, "null");
        var names = Events.Events.Where(e => e.Topic.EndsWith(roomId, StringComparison.Ordinal)).Select(e => e.Name).Where(n => n != HubEvents.RoomCounters).ToList();
        Assert.Equal([HubEvents.Chat, HubEvents.ChatPinned, HubEvents.ChatDeleted, HubEvents.ChatPinned], names);
        Assert.Null((await JoinAsync(roomId)).Pinned);
    }

    [Fact]
    public async Task Deleting_another_message_leaves_the_pin_alone()
    {
        var roomId = await CreateRoomAsync();
        var pinned = await SendAsync(roomId, "u1", "c1");
        var other = await SendAsync(roomId, "u2", "c1");
        await Room(roomId).PinChatAsync(HostUser, pinned.Seq);

        await Room(roomId).DeleteChatAsync(HostUser, other.Seq);

        Assert.Equal(pinned.MessageId, (await JoinAsync(roomId)).Pinned?.MessageId);
    }
}
