using Microsoft.Extensions.Logging;
using Realtime.Grains.Hashtags;
using Realtime.Grains.Notes;
using Realtime.Hosting.Silo;

namespace Realtime.Hosting.Hashtags;

/// <summary>Counts note views on this silo; each note gets one numbered <see cref="ViewBatch"/> per window.</summary>
public sealed class ViewAggregator(IGrainFactory grains, SiloIdentity silo, ILogger<ViewAggregator> logger) : NumberedCountAggregator
{
    /// <summary>Counts one view of a note; it reaches the note within one window.</summary>
    public void Add(string noteId) => Count(noteId, 1);

    protected override Task SendAsync(string key, long number, long count, CancellationToken cancellationToken) =>
        grains.GetGrain<INoteThreadGrain>(key).RecordViewsAsync(new ViewBatch(silo.Id, number, count), cancellationToken);

    protected override void Lost(string key, long count, Exception exception) => HashtagLog.ViewsLost(logger, key, count, exception);

    protected override void Retried(string key, long count, Exception exception) => HashtagLog.ViewsRetried(logger, key, count, exception);
}
