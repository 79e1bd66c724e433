using Microsoft.Extensions.Options;
using Realtime.Hosting.RateLimiting;

namespace Realtime.Hosting.Tests.RateLimiting;

public sealed class UserRateLimiterTests
{
    private static UserRateLimiter Limiter(double burst = 5, double perSecond = 1) =>
        new(Options.Create(new RateLimitOptions
        {
            ChatBurst = burst,
            ChatPerSecond = perSecond,
            CommentBurst = burst,
            CommentPerSecond = perSecond,
            LikeBurst = burst,
            LikePerSecond = perSecond,
        }));

    [Fact]
    public void AUserGetsItsBurstAndThenIsRefused()
    {
        using var limiter = Limiter(burst: 5);

        var granted = Enumerable.Range(0, 8).Count(_ => limiter.TryAcquire("ann", RateLimitKind.Chat));

        Assert.Equal(5, granted);
    }

    [Fact]
    public void KindsAndUsersHaveBucketsOfTheirOwn()
    {
        using var limiter = Limiter(burst: 2);
        Assert.True(limiter.TryAcquire("ann", RateLimitKind.Chat));
        Assert.True(limiter.TryAcquire("ann", RateLimitKind.Chat));
        Assert.False(limiter.TryAcquire("ann", RateLimitKind.Chat));

        Assert.True(limiter.TryAcquire("ann", RateLimitKind.Comment));
        Assert.True(limiter.TryAcquire("ann", RateLimitKind.Like));
        Assert.True(limiter.TryAcquire("bob", RateLimitKind.Chat));
    }

    [Fact]
    public void AFloodOfOtherUsersNeverGivesAnExhaustedUserItsBudgetBack()
    {
        // Per second so slow that nothing refills during the test.
        using var limiter = Limiter(burst: 3, perSecond: 0.01);
        while (limiter.TryAcquire("spammer", RateLimitKind.Chat))
        {
        }

        for (var i = 0; i < 250_000; i++)
        {
            Assert.True(limiter.TryAcquire("user-" + i, RateLimitKind.Chat));
        }

        Assert.False(limiter.TryAcquire("spammer", RateLimitKind.Chat));
    }

    [Fact]
    public void ASpentBucketRefillsAtItsRate()
    {
        using var limiter = Limiter(burst: 1, perSecond: 1000);
        Assert.True(limiter.TryAcquire("ann", RateLimitKind.Like));
        Assert.False(limiter.TryAcquire("ann", RateLimitKind.Like));

        // The limiter replenishes on its own heartbeat: wait for the refill as an event with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var refilled = false;
        while (!refilled && DateTime.UtcNow < deadline)
        {
            refilled = SpinWait.SpinUntil(() => limiter.TryAcquire("ann", RateLimitKind.Like), TimeSpan.FromMilliseconds(50));
        }

        Assert.True(refilled);
    }
}
