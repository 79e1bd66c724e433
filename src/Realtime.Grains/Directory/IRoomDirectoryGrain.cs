using Realtime.Contracts.Rooms;
using Orleans;

namespace Realtime.Grains.Directory;

/// <summary>The list of rooms (one grain, key <see cref="RoomDirectoryGrain.Key"/>) behind <c>GET /api/rooms</c>.</summary>
[Alias("realtime.IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a room's row.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(RoomSummary summary, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Rooms with a viewer or created in the last 24 h, most viewers first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<RoomSummary>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
