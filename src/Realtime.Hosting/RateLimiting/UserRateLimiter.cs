using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.RateLimiting;

/// <summary>
/// A token bucket per user and kind (System.Threading.RateLimiting's partitioned limiter). A
/// user's bucket is dropped once it has been full for a while, so memory follows the users who
/// are active, and no user's budget is ever reset by anybody else's traffic.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    // The partitioned limiter replenishes every bucket on its own 100 ms heartbeat.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly PartitionedRateLimiter<(string UserId, RateLimitKind Kind)> _limiter;

    public UserRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<(string UserId, RateLimitKind Kind), (string, RateLimitKind)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(k.Item2 switch
            {
                RateLimitKind.Chat => (settings.ChatBurst, settings.ChatPerSecond),
                RateLimitKind.Comment => (settings.CommentBurst, settings.CommentPerSecond),
                RateLimitKind.DirectMessage => (settings.DirectBurst, settings.DirectPerSecond),
                RateLimitKind.Report => (settings.ReportBurst, settings.ReportPerSecond),
                RateLimitKind.Reserve => (settings.ReserveBurst, settings.ReservePerSecond),
                RateLimitKind.View => (settings.ViewBurst, settings.ViewPerSecond),
                _ => (settings.LikeBurst, settings.LikePerSecond),
            })));
    }

    /// <summary>Takes one token; false when the user is over the limit.</summary>
    public bool TryAcquire(string userId, RateLimitKind kind)
    {
        using var lease = _limiter.AttemptAcquire((userId, kind));
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    /// <summary>
    /// A bucket holding <c>burst</c> tokens that regains <c>perSecond</c>.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket((double Burst, double PerSecond) limit)
    {
        var perSecond = Math.Max(limit.PerSecond, 0.001);
        var (period, tokens) = Replenishment(perSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = (int)Math.Clamp(Math.Floor(limit.Burst), 1, int.MaxValue),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    /// <summary>
    /// Whole tokens per period, with the period a whole number of heartbeats (a bucket is topped up
    /// only on a heartbeat): the shortest such period that gives the rate exactly, else one second.
    /// Rates under one a second get one token per 1/rate seconds.
    /// </summary>
    private static (TimeSpan Period, int Tokens) Replenishment(double perSecond)
    {
        if (perSecond < 1)
        {
            return (TimeSpan.FromSeconds(1 / perSecond), 1);
        }

        var beatsPerSecond = (int)Math.Round(1 / Tick.TotalSeconds);
        for (var beats = 1; beats <= beatsPerSecond; beats++)
        {
            var tokens = perSecond * beats / beatsPerSecond;
            if (tokens >= 1 && Math.Abs(tokens - Math.Round(tokens)) < 1e-9)
            {
                return (Tick * beats, (int)Math.Min(int.MaxValue, Math.Round(tokens)));
            }
        }

        return (TimeSpan.FromSeconds(1), (int)Math.Min(int.MaxValue, Math.Round(perSecond)));
    }
}
