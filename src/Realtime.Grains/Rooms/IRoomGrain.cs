using Realtime.Contracts.Rooms;
using Orleans;
using Realtime.Grains.Events;

namespace Realtime.Grains.Rooms;

/// <summary>A live room (key: roomId): chat with per-room seq, likes, viewers and moderation.</summary>
[Alias("realtime.IRoomGrain")]
public interface IRoomGrain : IEventSourceGrain
{
    /// <summary>Creates the room; <c>conflict:</c> when it exists.</summary>
    [Alias("Create")]
    Task<RoomSummary> CreateAsync(CreateRoomCommand command, CancellationToken cancellationToken = default);

    /// <summary>The room's summary, or null when it does not exist.</summary>
    [Alias("GetSummary")]
    Task<RoomSummary?> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a silo's viewer count and returns the snapshot a joining viewer needs.</summary>
    [Alias("Join")]
    Task<RoomSnapshot> JoinAsync(JoinRoomCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how many viewers a silo has in the room now, and how many read each language. A
    /// report with a lower <paramref name="version"/> than the silo's last one arrived late and is ignored.
    /// </summary>
    [Alias("ReportViewers")]
    Task ReportViewersAsync(string siloId, int viewers, IReadOnlyDictionary<string, int>? languages = null, long version = 0, CancellationToken cancellationToken = default);

    /// <summary>Appends a chat line (deduplicated by the sender's client message id); answered once durable.</summary>
    [Alias("SendChat")]
    Task<ChatAck> SendChatAsync(SendChatCommand command, CancellationToken cancellationToken = default);

    /// <summary>Adds likes already summed at the edge; a batch counts once however often it is sent.</summary>
    [Alias("AddLikes")]
    Task AddLikesAsync(LikeBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Host only: sets slow mode (0 turns it off).</summary>
    [Alias("SetSlowMode")]
    Task SetSlowModeAsync(string userId, int seconds, CancellationToken cancellationToken = default);

    /// <summary>Host or author: deletes a line.</summary>
    [Alias("DeleteChat")]
    Task DeleteChatAsync(string userId, long seq, CancellationToken cancellationToken = default);

    /// <summary>Host only: pins a line, or unpins with null.</summary>
    [Alias("PinChat")]
    Task PinChatAsync(string userId, long? seq, CancellationToken cancellationToken = default);

    /// <summary>Host only: bans a user from chatting for some minutes (0 lifts the ban).</summary>
    [Alias("Ban")]
    Task BanAsync(string userId, string bannedUserId, int minutes, CancellationToken cancellationToken = default);

    /// <summary>A line as viewers see it (for a report); null when there is none with this seq or it is held.</summary>
    [Alias("Find")]
    Task<ChatMessage?> FindAsync(long seq, CancellationToken cancellationToken = default);

    /// <summary>A moderator's decision on a line: approving releases a held line (under a new seq), rejecting removes it.</summary>
    [Alias("Moderate")]
    Task ModerateAsync(long seq, bool approve, CancellationToken cancellationToken = default);

    /// <summary>Host only: puts a product on sale in the room (at most <see cref="RoomGrain.MaxProducts"/>).</summary>
    [Alias("AddProduct")]
    Task<Realtime.Contracts.Commerce.Product> AddProductAsync(string userId, string productId, Commerce.CreateProductCommand command, CancellationToken cancellationToken = default);

    /// <summary>The ids of the room's products, oldest first; with <paramref name="hostId"/>, only for the host (<c>forbidden:</c>).</summary>
    [Alias("ListProducts")]
    Task<IReadOnlyList<string>> ListProductIdsAsync(string? hostId, CancellationToken cancellationToken = default);

    /// <summary>Host only: puts a product of the room on the stage, or clears it with null.</summary>
    [Alias("PinProduct")]
    Task PinProductAsync(string userId, string? productId, CancellationToken cancellationToken = default);

    /// <summary>A product's durable orders and stock: orders go to the host at once, stock to viewers at most four times a second.</summary>
    [Alias("ProductChanged")]
    Task ProductChangedAsync(string productId, int remaining, IReadOnlyList<Realtime.Contracts.Commerce.Order> orders, CancellationToken cancellationToken = default);
}
