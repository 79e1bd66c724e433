namespace Realtime.Client;

/// <summary>
/// When to try again after a connection is lost: the listed delays in turn, then (optionally)
/// the same delay for ever. A delay is waited before each attempt, so a leading zero retries at once.
/// </summary>
public sealed class ReconnectPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="delays">The delay before each of the first attempts.</param>
    /// <param name="thenEvery">The delay before every later attempt; null gives up after the listed ones.</param>
    public ReconnectPolicy(IEnumerable<TimeSpan> delays, TimeSpan? thenEvery = null)
    {
        ArgumentNullException.ThrowIfNull(delays);
        Delays = [.. delays];
        foreach (var delay in Delays)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(delays));
        }

        if (thenEvery is { } repeat)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(repeat, TimeSpan.Zero, nameof(thenEvery));
        }

        ThenEvery = thenEvery;
    }

    /// <summary>0, 0.5, 1, 2 and 5 seconds, then every 5 seconds for as long as it takes.</summary>
    public static ReconnectPolicy Default { get; } = new(
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)],
        TimeSpan.FromSeconds(5));

    /// <summary>The delays before the first attempts, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The delay before every attempt after <see cref="Delays"/>; null means give up.</summary>
    public TimeSpan? ThenEvery { get; }

    /// <summary>
    /// Spreads delays by a random factor in [1 - Jitter, 1 + Jitter] so that thousands of clients
    /// dropped by the same failure do not all come back in the same instant. 0 (the default) keeps
    /// the delays exact; at most 1.
    /// </summary>
    public double Jitter
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            field = value;
        }
    }

    /// <summary>The delay before attempt <paramref name="retryCount"/> (0 for the first), or null to give up.</summary>
    public TimeSpan? GetDelay(int retryCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryCount);
        TimeSpan? delay = retryCount < Delays.Count ? Delays[retryCount] : ThenEvery;
        if (delay is not { } value || Jitter == 0 || value == TimeSpan.Zero)
        {
            return delay;
        }

        var factor = 1 + (Jitter * ((Random.Shared.NextDouble() * 2) - 1));
        return TimeSpan.FromTicks((long)(value.Ticks * factor));
    }
}
