using Microsoft.AspNetCore.SignalR;
using Realtime.Contracts.Rooms;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Likes;
using Realtime.Hosting.Moderation;
using Realtime.Moderation;
using Realtime.Hosting.Presence;
using Realtime.Hosting.RateLimiting;
using Realtime.Hosting.Silo;
using Realtime.Hosting.Events;
using Orleans;

namespace Realtime.Hosting.Hubs;

/// <summary>
/// The hub at <c>/hubs/live</c>. Thin by design: it authenticates, validates, calls grains and
/// manages group membership; grains publish events and the bridge sends them to groups.
/// </summary>
public sealed partial class LiveHub(
    IGrainFactory grains,
    TopicPresence presence,
    SiloIdentity silo,
    ITopicSubscriptions bus,
    LikeAggregator likes,
    UserRateLimiter limiter,
    RoomCatalog catalog,
    KnownUsers users,
    ReaderLanguageTracker languages,
    ContentModeration moderation,
    ReportedContent reported,
    AccountRoles roles,
    Hashtags.ViewAggregator views) : Hub
{
    private ConnectionState State => (ConnectionState)Context.Items[ConnectionState.ItemKey]!;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var caller = HubInput.CallerOrNull(Context);
        Context.Items[ConnectionState.ItemKey] = new ConnectionState { Language = caller?.Language };
        if (caller is not null)
        {
            await users.EnsureRegisteredAsync(caller.UserId, caller.DisplayName, Context.ConnectionAborted);
            await WatchTopicAsync(Topics.User(caller.UserId), Context.ConnectionAborted);
            await WatchTopicAsync(Topics.Direct(caller.UserId), Context.ConnectionAborted);
            await WatchLanguageAsync(Topics.Direct(caller.UserId), caller.Language, l => Topics.DirectLanguage(caller.UserId, l), Context.ConnectionAborted);
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await UnderGateAsync(
            async state =>
            {
                foreach (var roomId in state.Rooms.ToList())
                {
                    await LeaveCoreAsync(roomId, state, CancellationToken.None);
                }

                foreach (var noteId in state.Notes.ToList())
                {
                    await UnwatchCoreAsync(noteId, state, CancellationToken.None);
                }

                if (HubInput.CallerOrNull(Context) is { } caller)
                {
                    await UnwatchTopicAsync(Topics.User(caller.UserId), CancellationToken.None);
                    await UnwatchLanguageAsync(Topics.Direct(caller.UserId), state.Language, l => Topics.DirectLanguage(caller.UserId, l), CancellationToken.None);
                    await UnwatchTopicAsync(Topics.Direct(caller.UserId), CancellationToken.None);
                }
            },
            CancellationToken.None);
    }

    /// <summary>Joins a room (counted once per connection) and returns its snapshot.</summary>
    public async Task<RoomSnapshot> JoinRoom(string roomId, long? sinceSeq)
    {
        HubInput.RequireId(roomId, nameof(roomId));
        if (sinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        var topic = Topics.Room(roomId);
        return await WatchWithSnapshotAsync(
            state => state.Rooms.Add(roomId),
            topic,
            l => Topics.RoomLanguage(roomId, l),
            async (state, cancellationToken) =>
            {
                var observed = presence.Observe(topic);
                var snapshot = await grains.GetGrain<IRoomGrain>(roomId)
                    .JoinAsync(new JoinRoomCommand(silo.Id, observed.Count, sinceSeq, state.Language, languages.Counts(topic), observed.Version), cancellationToken);
                catalog.Remember(roomId, snapshot.HostId);
                if (HubInput.CallerOrNull(Context)?.UserId == snapshot.HostId && state.HostedRooms.Add(roomId))
                {
                    await WatchTopicAsync(Topics.RoomHost(roomId), cancellationToken);
                }

                return snapshot;
            },
            state => LeaveCoreAsync(roomId, state, CancellationToken.None, report: false));
    }

    /// <summary>Leaves a room; leaving a room not joined does nothing.</summary>
    public async Task LeaveRoom(string roomId)
    {
        HubInput.RequireId(roomId, nameof(roomId));
        await UnderGateAsync(state => LeaveCoreAsync(roomId, state, Context.ConnectionAborted), Context.ConnectionAborted);
    }

    /// <summary>Sends a chat line; answered once it is durable.</summary>
    public async Task<ChatAck> SendChat(string roomId, string clientMessageId, string text, long? replyToSeq)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        HubInput.RequireId(clientMessageId, nameof(clientMessageId));
        var normalized = ContractRules.NormalizeText(text, 1, Limits.ChatTextMax)
            ?? throw RealtimeException.Invalid($"text must be 1-{Limits.ChatTextMax} characters");
        if (replyToSeq < 1)
        {
            throw RealtimeException.Invalid("replyToSeq must be a positive seq");
        }

        var verdict = moderation.Check(normalized, ContentChannel.Chat);
        var host = await catalog.GetHostAsync(roomId, Context.ConnectionAborted);
        // The room answers a retry of a line it has as a duplicate before it looks at the limit.
        var overLimit = host != caller.UserId && !limiter.TryAcquire(caller.UserId, RateLimitKind.Chat);
        var command = new SendChatCommand(
            caller.UserId, caller.DisplayName, clientMessageId, verdict.Text, State.Language ?? caller.Language, replyToSeq, overLimit, verdict.Masked, verdict.Held);
        var ack = await grains.GetGrain<IRoomGrain>(roomId).SendChatAsync(command, Context.ConnectionAborted);
        if (ack.Held)
        {
            // Also on a duplicate: a retry completes a hold whose queue entry failed the first time. Not
            // cancelled with the connection: the item is stored already and must reach the queue.
            await moderation.HoldAsync(ModerationTarget.Chat(roomId, ack.Seq), caller.UserId, verdict.Text, command.Language, verdict.Reasons, CancellationToken.None);
        }

        return ack;
    }

    /// <summary>Taps since the last call (1..100); summed at the edge before they reach the room.</summary>
    public async Task Like(string roomId, int count)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        if (count is < 1 or > Limits.LikeCountMax)
        {
            throw RealtimeException.Invalid($"count must be 1-{Limits.LikeCountMax}");
        }

        await catalog.GetHostAsync(roomId, Context.ConnectionAborted);
        if (!limiter.TryAcquire(caller.UserId, RateLimitKind.Like))
        {
            throw new RealtimeException("rate_limited", "too many likes; slow down");
        }

        likes.Add(roomId, count);
    }

    /// <summary>Sets the language this connection reads, for every room and note it watches.</summary>
    public async Task SetLanguage(string language)
    {
        var canonical = ContractRules.CanonicalLanguage(language)
            ?? throw RealtimeException.Invalid("language must be a BCP-47 tag such as en, es or zh-Hans");
        var cancellationToken = Context.ConnectionAborted;
        await UnderGateAsync(
            async state =>
            {
                var previous = state.Language;
                state.Language = canonical;
                if (previous == canonical)
                {
                    return;
                }

                if (HubInput.CallerOrNull(Context) is { } reader)
                {
                    var direct = Topics.Direct(reader.UserId);
                    await UnwatchLanguageAsync(direct, previous, l => Topics.DirectLanguage(reader.UserId, l), cancellationToken);
                    await WatchLanguageAsync(direct, canonical, l => Topics.DirectLanguage(reader.UserId, l), cancellationToken);
                }

                foreach (var roomId in state.Rooms)
                {
                    var topic = Topics.Room(roomId);
                    await UnwatchLanguageAsync(topic, previous, l => Topics.RoomLanguage(roomId, l), cancellationToken);
                    await WatchLanguageAsync(topic, canonical, l => Topics.RoomLanguage(roomId, l), cancellationToken);
                    var observed = presence.Observe(topic);
                    await grains.GetGrain<IRoomGrain>(roomId).ReportViewersAsync(silo.Id, observed.Count, languages.Counts(topic), observed.Version, cancellationToken);
                }

                foreach (var noteId in state.Notes)
                {
                    var topic = Topics.Note(noteId);
                    await UnwatchLanguageAsync(topic, previous, l => Topics.NoteLanguage(noteId, l), cancellationToken);
                    await WatchLanguageAsync(topic, canonical, l => Topics.NoteLanguage(noteId, l), cancellationToken);
                    await ReportReadersAsync(noteId, cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>Host only: slow mode in seconds (0 = off).</summary>
    public Task SetSlowMode(string roomId, int seconds)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        if (seconds is < 0 or > Limits.SlowModeMaxSeconds)
        {
            throw RealtimeException.Invalid($"seconds must be 0-{Limits.SlowModeMaxSeconds}");
        }

        return grains.GetGrain<IRoomGrain>(roomId).SetSlowModeAsync(caller.UserId, seconds, Context.ConnectionAborted);
    }

    /// <summary>Host or author: deletes a chat line.</summary>
    public Task DeleteChat(string roomId, long seq)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        HubInput.RequireSeq(seq, nameof(seq));
        return grains.GetGrain<IRoomGrain>(roomId).DeleteChatAsync(caller.UserId, seq, Context.ConnectionAborted);
    }

    /// <summary>Host only: pins a line, or unpins with null.</summary>
    public Task PinChat(string roomId, long? seq)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        if (seq is { } s)
        {
            HubInput.RequireSeq(s, nameof(seq));
        }

        return grains.GetGrain<IRoomGrain>(roomId).PinChatAsync(caller.UserId, seq, Context.ConnectionAborted);
    }

    /// <summary>Host only: bans a user from chatting for some minutes; 0 lifts the ban.</summary>
    public Task BanFromRoom(string roomId, string userId, int minutes)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(roomId, nameof(roomId));
        HubInput.RequireId(userId, nameof(userId));
        if (minutes is < 0 or > Limits.BanMaxMinutes)
        {
            throw RealtimeException.Invalid($"minutes must be 0-{Limits.BanMaxMinutes}");
        }

        return grains.GetGrain<IRoomGrain>(roomId).BanAsync(caller.UserId, userId, minutes, Context.ConnectionAborted);
    }

    private async Task LeaveCoreAsync(string roomId, ConnectionState state, CancellationToken cancellationToken, bool report = true)
    {
        if (!state.Rooms.Remove(roomId))
        {
            return;
        }

        var topic = Topics.Room(roomId);
        await UnwatchLanguageAsync(topic, state.Language, l => Topics.RoomLanguage(roomId, l), cancellationToken);
        await UnwatchTopicAsync(topic, cancellationToken);
        if (state.HostedRooms.Remove(roomId))
        {
            await UnwatchTopicAsync(Topics.RoomHost(roomId), cancellationToken);
        }
        if (report)
        {
            var observed = presence.Observe(topic);
            await grains.GetGrain<IRoomGrain>(roomId).ReportViewersAsync(silo.Id, observed.Count, languages.Counts(topic), observed.Version, cancellationToken);
        }
    }
}
