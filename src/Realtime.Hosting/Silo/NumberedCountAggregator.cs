using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Realtime.Hosting.Silo;

/// <summary>
/// Sums counts per key (a room's like taps, a note's views) on this silo and hands each key's grain
/// one numbered total every window (~100 ms), so a storm costs the grain a call per silo per
/// window, not a call per tap. A total whose answer was lost is sent again with the same number
/// (before any newer one for that key) and the grain counts it once; a refusal drops it.
/// </summary>
public abstract class NumberedCountAggregator : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Number, long Count, long FirstSentAt)> _unconfirmed = new(StringComparer.Ordinal);

    // Starts from the clock so that a restarted silo's batches number above its earlier ones.
    private long _number = DateTime.UtcNow.Ticks;

    /// <summary>Adds to a key's count; it reaches the key's grain within one window.</summary>
    protected void Count(string key, long count) => _pending.AddOrUpdate(key, count, (_, sum) => sum + count);

    /// <summary>Hands one numbered total to the key's grain; a <c>RealtimeException</c> means refused for good.</summary>
    protected abstract Task SendAsync(string key, long number, long count, CancellationToken cancellationToken);

    /// <summary>A total was dropped: refused, or unanswered for too long.</summary>
    protected abstract void Lost(string key, long count, Exception exception);

    /// <summary>A total is sent again: its grain did not answer.</summary>
    protected abstract void Retried(string key, long count, Exception exception);

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
        foreach (var (key, (number, count, firstSentAt)) in _unconfirmed)
        {
            // A key with an unanswered total gets that total again; its new counts wait their turn.
            calls.Add(SendOnceAsync(key, number, count, firstSentAt, cancellationToken));
        }

        foreach (var key in _pending.Keys)
        {
            if (!_unconfirmed.ContainsKey(key) && _pending.TryRemove(key, out var sum) && sum > 0)
            {
                calls.Add(SendOnceAsync(key, Interlocked.Increment(ref _number), sum, Environment.TickCount64, cancellationToken));
            }
        }

        return Task.WhenAll(calls);
    }

    private async Task SendOnceAsync(string key, long number, long count, long firstSentAt, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(key, number, count, cancellationToken).ConfigureAwait(false);
            _unconfirmed.TryRemove(key, out _);
        }
        catch (Grains.Common.RealtimeException e)
        {
            // Refused (the room or note is gone): sending again would be refused again.
            _unconfirmed.TryRemove(key, out _);
            Lost(key, count, e);
        }
        catch (Exception e) when (Environment.TickCount64 - firstSentAt < GiveUpAfter.TotalMilliseconds)
        {
            _unconfirmed[key] = (number, count, firstSentAt);
            Retried(key, count, e);
        }
        catch (Exception e)
        {
            _unconfirmed.TryRemove(key, out _);
            Lost(key, count, e);
        }
    }
}
