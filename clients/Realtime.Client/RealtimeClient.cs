using System.Collections.Concurrent;
using Realtime.Client.Internal;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;

namespace Realtime.Client;

/// <summary>
/// The live-room part of the hub contract over a <see cref="RealtimeConnection"/>, with resume:
/// after a reconnect the client re-sends its language and re-joins every room it had joined with
/// <c>sinceSeq</c> = the last seq it delivered there. The messages it missed go to the
/// <see cref="OnChat(Func{ChatMessage, Task})"/> handlers first, in order, then live ones; a
/// message is never delivered twice nor out of order. <see cref="JoinRoomAsync"/> returns the
/// join snapshot's messages to its caller; the chat handlers receive every later message.
/// </summary>
public sealed partial class RealtimeClient : IAsyncDisposable
{
    // How long a re-join after a reconnect is retried while the room answers "unavailable".
    private static readonly TimeSpan RejoinRetryLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);
    private readonly HandlerList<ChatMessage> _chatHandlers;
    private volatile string? _language;

    /// <summary>Wraps <paramref name="connection"/>; the client disposes it when disposed.</summary>
    public RealtimeClient(RealtimeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _chatHandlers = new HandlerList<ChatMessage>(HubEvents.Chat, connection.ReportHandlerError);
        connection.On<ChatMessage>(HubEvents.Chat, OnChatEventAsync);
        connection.Reconnecting += reason => AsyncEvent.RaiseAsync(Reconnecting, reason, nameof(Reconnecting), connection.ReportHandlerError);
        connection.Reconnected += ResumeAsync;
        connection.Closed += OnClosedAsync;
    }

    /// <summary>Creates the client over a new connection with <paramref name="options"/>.</summary>
    public RealtimeClient(RealtimeConnectionOptions options)
        : this(new RealtimeConnection(options))
    {
    }

    /// <summary>Raised when the connection was lost and reconnecting starts, with the reason.</summary>
    public event Func<Exception?, Task>? Reconnecting;

    /// <summary>Raised after a reconnect once the language was re-sent and every room re-joined (and its gap delivered).</summary>
    public event Func<Task>? Reconnected;

    /// <summary>Raised when the connection ended for good; see <see cref="RealtimeConnection.Closed"/>.</summary>
    public event Func<Exception?, Task>? Closed;

    /// <summary>
    /// Raised after a re-join when the room's history could not be resumed: the <c>epoch</c>
    /// changed or <c>recovered</c> is false. The snapshot's messages are not replayed to the chat
    /// handlers; the application should replace what it shows with the snapshot.
    /// </summary>
    public event Func<RoomSnapshot, Task>? RoomHistoryReset;

    /// <summary>Raised when the hub refused to re-join a room after a reconnect (for example <c>not_found:</c>); the room is forgotten.</summary>
    public event Func<string, Exception, Task>? RoomRejoinFailed;

    /// <summary>The underlying connection (state, raw invocations and events).</summary>
    public RealtimeConnection Connection { get; }

    /// <summary>The language last set with <see cref="SetLanguageAsync"/>, or null.</summary>
    public string? Language => _language;

    /// <summary>The rooms that will be re-joined after a reconnect.</summary>
    public IReadOnlyCollection<string> JoinedRooms
    {
        get
        {
            var joined = new List<string>();
            foreach (var room in _rooms.Values)
            {
                lock (room.Sync)
                {
                    if (room.Joined)
                    {
                        joined.Add(room.RoomId);
                    }
                }
            }

            return joined;
        }
    }

    /// <summary>Opens the connection; see <see cref="RealtimeConnection.ConnectAsync"/>.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => Connection.ConnectAsync(cancellationToken);

    /// <summary>Closes the connection; see <see cref="RealtimeConnection.StopAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Connection.StopAsync(cancellationToken);

    /// <summary>The latest snapshot of a room (from the join or the last re-join), or null.</summary>
    public RoomSnapshot? GetSnapshot(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return null;
        }

        lock (room.Sync)
        {
            return room.Snapshot;
        }
    }

    /// <summary>The seq of the last chat message of a room delivered (or returned by its join), or null.</summary>
    public long? GetLastSeq(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return null;
        }

        lock (room.Sync)
        {
            return room.LastDeliveredSeq;
        }
    }

    /// <summary>
    /// Joins a room: the latest 50 messages, or with <paramref name="sinceSeq"/> every message after it.
    /// Chat events of the room that race with the join are held back and released after it, without
    /// those the snapshot already holds.
    /// </summary>
    /// <exception cref="RealtimeHubException"><c>not_found</c> when the room does not exist.</exception>
    public async Task<RoomSnapshot> JoinRoomAsync(string roomId, long? sinceSeq = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        var room = _rooms.GetOrAdd(roomId, static id => new RoomState(id));
        lock (room.Sync)
        {
            room.JoinsInFlight++;
        }

        try
        {
            var snapshot = await Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, [roomId, sinceSeq], cancellationToken)
                .ConfigureAwait(false);
            lock (room.Sync)
            {
                room.Joined = true;
                room.Snapshot = snapshot;
                room.LastDeliveredSeq = HighestSeq(snapshot);
            }

            return snapshot;
        }
        finally
        {
            // Release the held events on the event loop, behind every event received before the answer.
            if (!Connection.Post(() => FinishJoinAsync(room)))
            {
                lock (room.Sync)
                {
                    room.JoinsInFlight--;
                    room.Held = null;
                }
            }
        }
    }

    /// <summary>Leaves a room; it is no longer re-joined after a reconnect.</summary>
    public Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        _rooms.TryRemove(roomId, out _);
        return Connection.InvokeAsync(HubMethods.LeaveRoom, [roomId], cancellationToken);
    }

    /// <summary>Sends a chat line; retrying with the same <paramref name="clientMessageId"/> never creates a second one.</summary>
    public Task<ChatAck> SendChatAsync(
        string roomId,
        string clientMessageId,
        string text,
        long? replyToSeq = null,
        CancellationToken cancellationToken = default)
        => Connection.InvokeAsync<ChatAck>(HubMethods.SendChat, [roomId, clientMessageId, text, replyToSeq], cancellationToken);

    /// <summary>Sends the taps since the last call (1..100).</summary>
    public Task LikeAsync(string roomId, int count, CancellationToken cancellationToken = default)
        => Connection.InvokeAsync(HubMethods.Like, [roomId, count], cancellationToken);

    /// <summary>Sets the language this connection reads (BCP-47); it is re-sent after every reconnect.</summary>
    public async Task SetLanguageAsync(string language, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(language);
        await Connection.InvokeAsync(HubMethods.SetLanguage, [language], cancellationToken).ConfigureAwait(false);
        _language = language;
    }

    /// <summary>Host only: sets the room's slow mode (0..300 seconds, 0 turns it off).</summary>
    public Task SetSlowModeAsync(string roomId, int seconds, CancellationToken cancellationToken = default)
        => Connection.InvokeAsync(HubMethods.SetSlowMode, [roomId, seconds], cancellationToken);

    /// <summary>Host or author: deletes a chat line.</summary>
    public Task DeleteChatAsync(string roomId, long seq, CancellationToken cancellationToken = default)
        => Connection.InvokeAsync(HubMethods.DeleteChat, [roomId, seq], cancellationToken);

    /// <summary>Host only: pins a chat line, or removes the pin with null.</summary>
    public Task PinChatAsync(string roomId, long? seq, CancellationToken cancellationToken = default)
        => Connection.InvokeAsync(HubMethods.PinChat, [roomId, seq], cancellationToken);

    /// <summary>Host only: stops a user chatting in the room for 1..10080 minutes; 0 lifts the ban.</summary>
    public Task BanFromRoomAsync(string roomId, string userId, int minutes, CancellationToken cancellationToken = default)
        => Connection.InvokeAsync(HubMethods.BanFromRoom, [roomId, userId, minutes], cancellationToken);

    /// <summary>Chat lines in seq order per room, each once, the gaps of a resume included.</summary>
    public IDisposable OnChat(Func<ChatMessage, Task> handler) => _chatHandlers.Add(handler);

    /// <inheritdoc cref="OnChat(Func{ChatMessage, Task})"/>
    public IDisposable OnChat(Action<ChatMessage> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _chatHandlers.Add(message =>
        {
            handler(message);
            return Task.CompletedTask;
        });
    }

    /// <summary>Translations of chat lines into the language this connection reads.</summary>
    public IDisposable OnChatTranslated(Func<ChatTranslated, Task> handler) => Connection.On(HubEvents.ChatTranslated, handler);

    /// <inheritdoc cref="OnChatTranslated(Func{ChatTranslated, Task})"/>
    public IDisposable OnChatTranslated(Action<ChatTranslated> handler) => Connection.On(HubEvents.ChatTranslated, handler);

    /// <summary>Viewer and like counters, at most four times a second per room.</summary>
    public IDisposable OnRoomCounters(Func<RoomCounters, Task> handler) => Connection.On(HubEvents.RoomCounters, handler);

    /// <inheritdoc cref="OnRoomCounters(Func{RoomCounters, Task})"/>
    public IDisposable OnRoomCounters(Action<RoomCounters> handler) => Connection.On(HubEvents.RoomCounters, handler);

    /// <summary>A chat line was deleted.</summary>
    public IDisposable OnChatDeleted(Func<ChatDeleted, Task> handler) => Connection.On(HubEvents.ChatDeleted, handler);

    /// <inheritdoc cref="OnChatDeleted(Func{ChatDeleted, Task})"/>
    public IDisposable OnChatDeleted(Action<ChatDeleted> handler) => Connection.On(HubEvents.ChatDeleted, handler);

    /// <summary>The pinned line changed (its message is null when the pin was removed).</summary>
    public IDisposable OnChatPinned(Func<ChatPinned, Task> handler) => Connection.On(HubEvents.ChatPinned, handler);

    /// <inheritdoc cref="OnChatPinned(Func{ChatPinned, Task})"/>
    public IDisposable OnChatPinned(Action<ChatPinned> handler) => Connection.On(HubEvents.ChatPinned, handler);

    /// <summary>The room's settings (slow mode) changed.</summary>
    public IDisposable OnRoomSettings(Func<RoomSettings, Task> handler) => Connection.On(HubEvents.RoomSettings, handler);

    /// <inheritdoc cref="OnRoomSettings(Func{RoomSettings, Task})"/>
    public IDisposable OnRoomSettings(Action<RoomSettings> handler) => Connection.On(HubEvents.RoomSettings, handler);

    /// <summary>Disposes the connection.</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static long HighestSeq(RoomSnapshot snapshot)
    {
        var highest = snapshot.LastSeq;
        foreach (var message in snapshot.Messages ?? [])
        {
            highest = Math.Max(highest, message.Seq);
        }

        return highest;
    }

    private Task OnChatEventAsync(ChatMessage? message)
    {
        if (message is null)
        {
            return Task.CompletedTask;
        }

        if (message.RoomId is not null && _rooms.TryGetValue(message.RoomId, out var room))
        {
            lock (room.Sync)
            {
                if (room.JoinsInFlight > 0)
                {
                    (room.Held ??= []).Add(message);
                    return Task.CompletedTask;
                }

                if (message.Seq <= room.LastDeliveredSeq)
                {
                    return Task.CompletedTask;
                }

                room.LastDeliveredSeq = message.Seq;
            }
        }

        return _chatHandlers.InvokeAsync(message);
    }

    private async Task FinishJoinAsync(RoomState room)
    {
        List<ChatMessage>? release = null;
        lock (room.Sync)
        {
            room.JoinsInFlight--;
            if (room.JoinsInFlight == 0 && room.Held is { } held)
            {
                room.Held = null;
                foreach (var message in held)
                {
                    if (!(message.Seq <= room.LastDeliveredSeq))
                    {
                        (release ??= []).Add(message);
                        room.LastDeliveredSeq = message.Seq;
                    }
                }
            }

            if (!room.Joined && room.JoinsInFlight == 0)
            {
                _rooms.TryRemove(new KeyValuePair<string, RoomState>(room.RoomId, room));
            }
        }

        foreach (var message in release ?? [])
        {
            await _chatHandlers.InvokeAsync(message).ConfigureAwait(false);
        }
    }

    /// <summary>Runs on the event loop, so no live event of the new connection is delivered before the gaps.</summary>
    private async Task ResumeAsync()
    {
        try
        {
            if (_language is { } language)
            {
                try
                {
                    await Connection.InvokeAsync(HubMethods.SetLanguage, [language]).ConfigureAwait(false);
                }
                catch (RealtimeHubException)
                {
                    // The hub no longer takes this language; the rooms are still worth re-joining.
                }
            }

            // Every re-join goes out at once; the answers are applied in the same order, and since this
            // runs on the event loop, live events of the new connection wait until the gaps are out.
            var rejoins = new List<(RoomState Room, Task<RoomSnapshot> Join)>();
            foreach (var room in _rooms.Values)
            {
                long? sinceSeq;
                lock (room.Sync)
                {
                    if (!room.Joined)
                    {
                        continue;
                    }

                    sinceSeq = room.LastDeliveredSeq;
                }

                rejoins.Add((room, RejoinAsync(room.RoomId, sinceSeq)));
            }

            for (var i = 0; i < rejoins.Count; i++)
            {
                var (room, join) = rejoins[i];
                RoomSnapshot snapshot;
                try
                {
                    snapshot = await join.ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is RealtimeConnectionException or ObjectDisposedException)
                {
                    foreach (var (_, rest) in rejoins[(i + 1)..])
                    {
                        _ = rest.ContinueWith(static task => task.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    }

                    throw;
                }
                catch (Exception exception)
                {
                    _rooms.TryRemove(new KeyValuePair<string, RoomState>(room.RoomId, room));
                    await AsyncEvent.RaiseAsync(RoomRejoinFailed, room.RoomId, exception, nameof(RoomRejoinFailed), Connection.ReportHandlerError)
                        .ConfigureAwait(false);
                    continue;
                }

                await ApplyResumeAsync(room, snapshot).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is RealtimeConnectionException or ObjectDisposedException)
        {
            // Lost again (or stopped): the next reconnect resumes from what was delivered so far.
            return;
        }

        await AsyncEvent.RaiseAsync(Reconnected, nameof(Reconnected), Connection.ReportHandlerError).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-joins a room after a reconnect. <c>unavailable:</c> means "try again": in a cluster it is
    /// what a room answers while its silo just died and its grain has not yet moved (seconds), so
    /// the re-join is retried with a short backoff instead of forgetting the room. Other errors,
    /// and a connection lost meanwhile, end it as before.
    /// </summary>
    private async Task<RoomSnapshot> RejoinAsync(string roomId, long? sinceSeq)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, [roomId, sinceSeq]).ConfigureAwait(false);
            }
            catch (RealtimeHubException e) when (e.Code == ErrorCodes.Unavailable && waited < RejoinRetryLimit)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 250 << Math.Min(attempt, 3)));
                await Task.Delay(delay).ConfigureAwait(false);
                waited += delay;
            }
        }
    }

    private async Task ApplyResumeAsync(RoomState room, RoomSnapshot snapshot)
    {
        List<ChatMessage>? gap = null;
        bool reset;
        lock (room.Sync)
        {
            reset = !snapshot.Recovered || (room.Snapshot is { } previous && previous.Epoch != snapshot.Epoch);
            room.Snapshot = snapshot;
            if (reset)
            {
                room.LastDeliveredSeq = HighestSeq(snapshot);
            }
            else
            {
                var messages = snapshot.Messages ?? [];
                var ordered = messages.Count < 2 || IsOrdered(messages) ? messages : [.. messages.OrderBy(m => m.Seq)];
                foreach (var message in ordered)
                {
                    if (!(message.Seq <= room.LastDeliveredSeq))
                    {
                        (gap ??= []).Add(message);
                        room.LastDeliveredSeq = message.Seq;
                    }
                }

                room.LastDeliveredSeq = Math.Max(room.LastDeliveredSeq ?? 0, snapshot.LastSeq);
            }
        }

        if (reset)
        {
            await AsyncEvent.RaiseAsync(RoomHistoryReset, snapshot, nameof(RoomHistoryReset), Connection.ReportHandlerError)
                .ConfigureAwait(false);
            return;
        }

        foreach (var message in gap ?? [])
        {
            await _chatHandlers.InvokeAsync(message).ConfigureAwait(false);
        }
    }

    private static bool IsOrdered(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = 1; i < messages.Count; i++)
        {
            if (messages[i].Seq <= messages[i - 1].Seq)
            {
                return false;
            }
        }

        return true;
    }

    private Task OnClosedAsync(Exception? reason)
    {
        // Closed for good: nothing is re-joined unless the application joins again.
        foreach (var room in _rooms.Values)
        {
            lock (room.Sync)
            {
                room.Joined = false;
            }
        }

        return AsyncEvent.RaiseAsync(Closed, reason, nameof(Closed), Connection.ReportHandlerError);
    }
}
