using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Sending chat: seq assignment, deduplication, replies.</summary>
public sealed class RoomChatTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Seqs_are_strictly_increasing_and_chat_events_arrive_in_seq_order_under_concurrent_senders()
    {
        var roomId = await CreateRoomAsync();

        var sends = Enumerable.Range(0, 200).Select(i => SendAsync(roomId, $"user{i % 10}", $"c{i}"));
        var acks = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), acks.Select(a => a.Seq).Order());
        Assert.All(acks, a => Assert.False(a.Duplicate));
        Assert.Equal(200, acks.Select(a => a.MessageId).Distinct().Count());
        await ChatEventAsync(roomId, 200);
        var seen = Events.All<ChatMessage>(HubEvents.Chat, m => m.RoomId == roomId).Select(m => m.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task A_chat_event_carries_the_acknowledged_line()
    {
        var roomId = await CreateRoomAsync();

        var ack = await SendAsync(roomId, "u1", "c1", "hello there");

        var message = await ChatEventAsync(roomId, ack.Seq);
        Assert.Equal(ack.MessageId, message.MessageId);
        Assert.Equal("u1", message.UserId);
        Assert.Equal("U1", message.DisplayName);
        Assert.Equal("hello there", message.Text);
        Assert.Equal("en", message.Language);
        Assert.Null(message.ReplyToSeq);
        Assert.Null(message.Translation);
        Assert.Equal(Clock.UtcNow, message.SentAt);
    }

    [Fact]
    public async Task Retrying_a_clientMessageId_returns_the_same_seq_as_a_duplicate_without_a_second_message_or_event()
    {
        var roomId = await CreateRoomAsync();
        var first = await SendAsync(roomId, "u1", "c1");

        var retry = await SendAsync(roomId, "u1", "c1");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
        Assert.Equal(first.MessageId, retry.MessageId);
        await AssertOneLineAndOneEventAsync(roomId, first);
    }

    [Fact]
    public async Task Retries_that_queue_up_behind_the_original_are_duplicates_of_it()
    {
        var roomId = await CreateRoomAsync();

        var acks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(roomId, "u1", "c1")));

        Assert.Single(acks, a => !a.Duplicate);
        Assert.Single(acks.Select(a => (a.Seq, a.MessageId)).Distinct());
        await AssertOneLineAndOneEventAsync(roomId, acks[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retrying_a_clientMessageId_after_the_room_restarts_from_storage_is_still_a_duplicate(bool crash)
    {
        var roomId = await CreateRoomAsync();
        var first = await SendAsync(roomId, "u1", "c1");
        await RestartAsync(crash);

        var retry = await SendAsync(roomId, "u1", "c1");

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
        Assert.Equal(first.MessageId, retry.MessageId);
        await AssertOneLineAndOneEventAsync(roomId, first, expectedEvents: 0);
    }

    [Fact]
    public async Task Retrying_a_clientMessageId_from_beyond_the_in_memory_window_after_a_restart_is_still_a_duplicate()
    {
        var roomId = await CreateRoomAsync();
        var early = await SendAsync(roomId, "u1", "early");
        await SendManyAsync(roomId, 1010);
        await RestartAsync(crash: false);

        var retry = await SendAsync(roomId, "u1", "early");

        Assert.True(retry.Duplicate);
        Assert.Equal(early.Seq, retry.Seq);
        Assert.Equal(early.MessageId, retry.MessageId);
        Assert.Equal(1011, (await JoinAsync(roomId)).LastSeq);
    }

    [Fact]
    public async Task The_same_clientMessageId_from_two_users_makes_two_messages()
    {
        var roomId = await CreateRoomAsync();

        var fromAnn = await SendAsync(roomId, "ann", "c1");
        var fromBob = await SendAsync(roomId, "bob", "c1");

        Assert.False(fromBob.Duplicate);
        Assert.NotEqual(fromAnn.Seq, fromBob.Seq);
        Assert.NotEqual(fromAnn.MessageId, fromBob.MessageId);
        var snapshot = await JoinAsync(roomId);
        Assert.Equal(["ann", "bob"], snapshot.Messages.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_reply_carries_the_seq_it_answers()
    {
        var roomId = await CreateRoomAsync();
        var question = await SendAsync(roomId, "ann", "c1", "who won?");

        var answer = await SendAsync(roomId, "bob", "c1", "blue team", replyToSeq: question.Seq);

        var message = await ChatEventAsync(roomId, answer.Seq);
        Assert.Equal(question.Seq, message.ReplyToSeq);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_reply_to_a_seq_the_room_never_had_is_invalid_and_changes_nothing(long replyToSeq)
    {
        var roomId = await CreateRoomAsync();
        await SendAsync(roomId, "ann", "c1");

        await RefusedAsync(ErrorCodes.Invalid, () => SendAsync(roomId, "bob", "c1", replyToSeq: replyToSeq));

        var snapshot = await JoinAsync(roomId);
        Assert.Equal(1, snapshot.LastSeq);
        Assert.Single(snapshot.Messages);
        // The refused clientMessageId was not remembered: sending it properly makes a new line.
        var ack = await SendAsync(roomId, "bob", "c1");
        Assert.False(ack.Duplicate);
        Assert.Equal(2, ack.Seq);
    }

    /// <summary>
    /// Checks the room holds one line for <paramref name="ack"/>, and that this host published
    /// <paramref name="expectedEvents"/> chat events for it: a later line's event is awaited first,
    /// and events leave in order, so any second event for the seq would already be recorded.
    /// </summary>
    private async Task AssertOneLineAndOneEventAsync(string roomId, ChatAck ack, int expectedEvents = 1)
    {
        var sentinel = await SendAsync(roomId, "sentinel", Guid.NewGuid().ToString("N"));
        await ChatEventAsync(roomId, sentinel.Seq);
        Assert.Equal(ack.Seq + 1, sentinel.Seq);
        Assert.Equal(expectedEvents, Events.All<ChatMessage>(HubEvents.Chat, m => m.RoomId == roomId && m.Seq == ack.Seq).Count);
        var snapshot = await JoinAsync(roomId);
        Assert.Single(snapshot.Messages, m => m.MessageId == ack.MessageId);
        Assert.Equal(snapshot.Messages.Count, snapshot.Messages.Select(m => m.Seq).Distinct().Count());
    }
}
