using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Silo;

namespace Realtime.Hosting.Likes;

/// <summary>
/// Sums like taps per room on this silo and hands each room one total every window (~100 ms),
/// so a like storm costs the room grain a call per silo per window, not a call per tap. Each total
/// is a numbered <see cref="LikeBatch"/>: a batch whose answer was lost is sent again with the
/// same number (before any newer one for that room), and the room counts it once.
/// </summary>
public sealed class LikeAggregator(IGrainFactory grains, SiloIdentity silo, ILogger<LikeAggregator> logger) : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (LikeBatch Batch, long FirstSentAt)> _unconfirmed = new(StringComparer.Ordinal);

    // Starts from the clock so that a restarted silo's batches number above its earlier ones.
    private long _number = DateTime.UtcNow.Ticks;

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
        foreach (var (roomId, (batch, firstSentAt)) in _unconfirmed)
        {
            // A room with an unanswered batch gets that batch again; its new taps wait their turn.
            calls.Add(SendAsync(roomId, batch, firstSentAt, cancellationToken));
        }

        foreach (var roomId in _pending.Keys)
        {
            if (!_unconfirmed.ContainsKey(roomId) && _pending.TryRemove(roomId, out var sum) && sum > 0)
            {
                var batch = new LikeBatch(silo.Id, Interlocked.Increment(ref _number), sum);
                calls.Add(SendAsync(roomId, batch, Environment.TickCount64, cancellationToken));
            }
        }

        return Task.WhenAll(calls);
    }

    private async Task SendAsync(string roomId, LikeBatch batch, long firstSentAt, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRoomGrain>(roomId).AddLikesAsync(batch, cancellationToken).ConfigureAwait(false);
            _unconfirmed.TryRemove(roomId, out _);
        }
        catch (RealtimeException e)
        {
            // Refused (the room is gone): sending again would be refused again.
            _unconfirmed.TryRemove(roomId, out _);
            HostingLog.LikesLost(logger, roomId, batch.Count, e);
        }
        catch (Exception e) when (Environment.TickCount64 - firstSentAt < GiveUpAfter.TotalMilliseconds)
        {
            _unconfirmed[roomId] = (batch, firstSentAt);
            HostingLog.LikesRetried(logger, roomId, batch.Count, e);
        }
        catch (Exception e)
        {
            _unconfirmed.TryRemove(roomId, out _);
            HostingLog.LikesLost(logger, roomId, batch.Count, e);
        }
    }
}
