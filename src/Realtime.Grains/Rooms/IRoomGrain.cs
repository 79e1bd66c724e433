using Realtime.Contracts.Rooms;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Rooms;

/// <summary>A live room (key: roomId): chat with per-room seq, likes, viewers and moderation.</summary>
public interface IRoomGrain : IGrain
{
    /// <summary>Creates the room; <c>conflict:</c> when it exists.</summary>
    Task<RoomSummary> CreateAsync(CreateRoomCommand command, CancellationToken cancellationToken = default);

    /// <summary>The room's summary, or null when it does not exist.</summary>
    Task<RoomSummary?> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a silo's viewer count and returns the snapshot a joining viewer needs.</summary>
    Task<RoomSnapshot> JoinAsync(JoinRoomCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how many viewers a silo has in the room now, and how many read each language. A
    /// report with a lower <paramref name="version"/> than the silo's last one arrived late and is ignored.
    /// </summary>
    Task ReportViewersAsync(string siloId, int viewers, IReadOnlyDictionary<string, int>? languages = null, long version = 0, CancellationToken cancellationToken = default);

    /// <summary>Appends a chat line (deduplicated by the sender's client message id); answered once durable.</summary>
    Task<ChatAck> SendChatAsync(SendChatCommand command, CancellationToken cancellationToken = default);

    /// <summary>Adds likes already summed at the edge.</summary>
    Task AddLikesAsync(long count, CancellationToken cancellationToken = default);

    /// <summary>Host only: sets slow mode (0 turns it off).</summary>
    Task SetSlowModeAsync(string userId, int seconds, CancellationToken cancellationToken = default);

    /// <summary>Host or author: deletes a line.</summary>
    Task DeleteChatAsync(string userId, long seq, CancellationToken cancellationToken = default);

    /// <summary>Host only: pins a line, or unpins with null.</summary>
    Task PinChatAsync(string userId, long? seq, CancellationToken cancellationToken = default);

    /// <summary>Host only: bans a user from chatting for some minutes (0 lifts the ban).</summary>
    Task BanAsync(string userId, string bannedUserId, int minutes, CancellationToken cancellationToken = default);
}
