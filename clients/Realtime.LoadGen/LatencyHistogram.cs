using System.Numerics;

namespace Realtime.LoadGen;

/// <summary>
/// A fixed, preallocated log-linear histogram of durations in microseconds, safe to record into
/// from any thread without allocating. Values below 128 µs are exact; above, each power of two is
/// split into 64 buckets (at most 1.6% error). Values up to about 19 hours are kept; longer ones
/// count in the last bucket.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int LinearLimit = 2 * SubBuckets;
    private const int MaxExponent = 30;
    private const int BucketCount = SubBuckets * (MaxExponent + 2);

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max;

    /// <summary>Values recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records a duration given in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void RecordTicks(long stopwatchTicks)
        => Record(stopwatchTicks <= 0 ? 0 : (long)(stopwatchTicks * (1_000_000.0 / System.Diagnostics.Stopwatch.Frequency)));

    /// <summary>Records a duration in microseconds (negative counts as 0).</summary>
    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The summary in milliseconds; all zero when nothing was recorded.</summary>
    public LatencySummary Summarize()
    {
        var count = Count;
        if (count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        var counts = new long[BucketCount];
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
            total += counts[i];
        }

        var max = Interlocked.Read(ref _max);
        return new LatencySummary(
            total,
            Ms(Interlocked.Read(ref _sum) / (double)Math.Max(1, count)),
            Ms(Math.Min(max, ValueAt(counts, total, 0.50))),
            Ms(Math.Min(max, ValueAt(counts, total, 0.95))),
            Ms(Math.Min(max, ValueAt(counts, total, 0.99))),
            Ms(Math.Min(max, ValueAt(counts, total, 0.999))),
            Ms(max));
    }

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000.0, 3);

    private static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = BitOperations.Log2((ulong)value) - 6;
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        var mantissa = (int)(value >> exponent);
        return (SubBuckets * (exponent + 1)) + (mantissa - SubBuckets);
    }

    /// <summary>The midpoint of a bucket, in microseconds.</summary>
    private static double MidpointOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var exponent = (index / SubBuckets) - 1;
        var mantissa = (index % SubBuckets) + SubBuckets;
        var low = (long)mantissa << exponent;
        return low + ((1L << exponent) / 2.0);
    }

    private static double ValueAt(long[] counts, long total, double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0)
            {
                return MidpointOf(i);
            }
        }

        return MidpointOf(counts.Length - 1);
    }
}
