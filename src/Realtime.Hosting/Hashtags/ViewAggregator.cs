using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Common;
using Realtime.Grains.Hashtags;
using Realtime.Grains.Notes;
using Realtime.Hosting.Silo;

namespace Realtime.Hosting.Hashtags;

/// <summary>
/// Counts note views on this silo and hands each note one numbered <see cref="ViewBatch"/> per
/// window (~100 ms). A batch whose answer was lost is sent again with its number, before any newer
/// one for that note, and the note counts it once; a note that refuses (it does not exist) drops it.
/// </summary>
public sealed class ViewAggregator(IGrainFactory grains, SiloIdentity silo, ILogger<ViewAggregator> logger) : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ViewBatch Batch, long FirstSentAt)> _unconfirmed = new(StringComparer.Ordinal);

    // Starts from the clock so that a restarted silo's batches number above its earlier ones.
    private long _number = DateTime.UtcNow.Ticks;

    /// <summary>Counts one view of a note; it reaches the note within one window.</summary>
    public void Add(string noteId) => _pending.AddOrUpdate(noteId, 1, (_, sum) => sum + 1);

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
        foreach (var (noteId, (batch, firstSentAt)) in _unconfirmed)
        {
            calls.Add(SendAsync(noteId, batch, firstSentAt, cancellationToken));
        }

        foreach (var noteId in _pending.Keys)
        {
            if (!_unconfirmed.ContainsKey(noteId) && _pending.TryRemove(noteId, out var sum) && sum > 0)
            {
                calls.Add(SendAsync(noteId, new ViewBatch(silo.Id, Interlocked.Increment(ref _number), sum), Environment.TickCount64, cancellationToken));
            }
        }

        return Task.WhenAll(calls);
    }

    private async Task SendAsync(string noteId, ViewBatch batch, long firstSentAt, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<INoteThreadGrain>(noteId).RecordViewsAsync(batch, cancellationToken).ConfigureAwait(false);
            _unconfirmed.TryRemove(noteId, out _);
        }
        catch (RealtimeException e)
        {
            _unconfirmed.TryRemove(noteId, out _);
            HashtagLog.ViewsLost(logger, noteId, batch.Count, e);
        }
        catch (Exception e) when (Environment.TickCount64 - firstSentAt < GiveUpAfter.TotalMilliseconds)
        {
            _unconfirmed[noteId] = (batch, firstSentAt);
            HashtagLog.ViewsRetried(logger, noteId, batch.Count, e);
        }
        catch (Exception e)
        {
            _unconfirmed.TryRemove(noteId, out _);
            HashtagLog.ViewsLost(logger, noteId, batch.Count, e);
        }
    }
}
