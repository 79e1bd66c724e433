using System.Collections.Concurrent;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Orleans;

namespace Realtime.Hosting.Presence;

/// <summary>
/// Which rooms exist and who hosts them, cached per silo: both never change once a room exists,
/// so hub calls that only need them (likes, rate-limit exemptions) skip a grain round trip.
/// </summary>
public sealed class RoomCatalog(IGrainFactory grains)
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, string> _hosts = new(StringComparer.Ordinal);

    /// <summary>The room's host id; <c>not_found:</c> when the room does not exist.</summary>
    public async ValueTask<string> GetHostAsync(string roomId, CancellationToken cancellationToken)
    {
        if (_hosts.TryGetValue(roomId, out var host))
        {
            return host;
        }

        var summary = await grains.GetGrain<IRoomGrain>(roomId).GetSummaryAsync(cancellationToken)
            ?? throw RealtimeException.NotFound($"room {roomId} does not exist");
        Remember(roomId, summary.HostId);
        return summary.HostId;
    }

    /// <summary>Records a room known to exist.</summary>
    public void Remember(string roomId, string hostId)
    {
        if (_hosts.Count >= Capacity)
        {
            _hosts.Clear();
        }

        _hosts[roomId] = hostId;
    }
}
