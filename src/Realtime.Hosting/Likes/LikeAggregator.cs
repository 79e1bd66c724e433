using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Rooms;
using Realtime.Runtime.Grains;

namespace Realtime.Hosting.Likes;

/// <summary>
/// Sums like taps per room on this silo and hands each room one total every window (~100 ms),
/// so a like storm costs the room grain a call per silo per window, not a call per tap.
/// </summary>
public sealed class LikeAggregator(IGrainFactory grains, ILogger<LikeAggregator> logger) : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);

    /// <summary>Adds taps for a room; they reach the room within one window.</summary>
    public void Add(string roomId, int count) => _pending.AddOrUpdate(roomId, count, (_, sum) => sum + count);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Window);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task FlushAsync(CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        foreach (var roomId in _pending.Keys)
        {
            if (_pending.TryRemove(roomId, out var sum) && sum > 0)
            {
                calls.Add(SendAsync(roomId, sum, cancellationToken));
            }
        }

        return Task.WhenAll(calls);
    }

    private async Task SendAsync(string roomId, long sum, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRoomGrain>(roomId).AddLikesAsync(sum, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            HostingLog.LikesLost(logger, roomId, sum, e);
        }
    }
}
