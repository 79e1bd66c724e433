using Microsoft.Extensions.Logging;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Silo;

namespace Realtime.Hosting.Likes;

/// <summary>Sums like taps per room on this silo; each room gets one numbered <see cref="LikeBatch"/> per window.</summary>
public sealed class LikeAggregator(IGrainFactory grains, SiloIdentity silo, ILogger<LikeAggregator> logger) : NumberedCountAggregator
{
    /// <summary>Adds taps for a room; they reach the room within one window.</summary>
    public void Add(string roomId, int count) => Count(roomId, count);

    protected override Task SendAsync(string key, long number, long count, CancellationToken cancellationToken) =>
        grains.GetGrain<IRoomGrain>(key).AddLikesAsync(new LikeBatch(silo.Id, number, count), cancellationToken);

    protected override void Lost(string key, long count, Exception exception) => HostingLog.LikesLost(logger, key, count, exception);

    protected override void Retried(string key, long count, Exception exception) => HostingLog.LikesRetried(logger, key, count, exception);
}
