using Realtime.Contracts.Rooms;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Directory;

/// <summary>The list of rooms (one grain, key <see cref="RoomDirectoryGrain.Key"/>) behind <c>GET /api/rooms</c>.</summary>
public interface IRoomDirectoryGrain : IGrain
{
    /// <summary>Adds or refreshes a room's row.</summary>
    Task UpsertAsync(RoomSummary summary, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Rooms with a viewer or created in the last 24 h, most viewers first.</summary>
    Task<IReadOnlyList<RoomSummary>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
