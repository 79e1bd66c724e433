using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.RateLimiting;

/// <summary>Token buckets per user and kind, refilled continuously.</summary>
public sealed class UserRateLimiter(IOptions<RateLimitOptions> options)
{
    private const int MaxBuckets = 200_000;
    private readonly ConcurrentDictionary<(string, RateLimitKind), Bucket> _buckets = new();

    /// <summary>Takes one token; false when the user is over the limit.</summary>
    public bool TryAcquire(string userId, RateLimitKind kind)
    {
        var (burst, perSecond) = kind switch
        {
            RateLimitKind.Chat => (options.Value.ChatBurst, options.Value.ChatPerSecond),
            RateLimitKind.Comment => (options.Value.CommentBurst, options.Value.CommentPerSecond),
            _ => (options.Value.LikeBurst, options.Value.LikePerSecond),
        };
        if (_buckets.Count > MaxBuckets)
        {
            // Idle users' buckets are full anyway; dropping them loses nothing.
            _buckets.Clear();
        }

        var bucket = _buckets.GetOrAdd((userId, kind), _ => new Bucket(burst));
        return bucket.TryTake(burst, perSecond);
    }

    private sealed class Bucket(double tokens)
    {
        private double _tokens = tokens;
        private long _at = Stopwatch.GetTimestamp();

        public bool TryTake(double burst, double perSecond)
        {
            lock (this)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + Stopwatch.GetElapsedTime(_at, now).TotalSeconds * perSecond);
                _at = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
