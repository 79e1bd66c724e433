using Microsoft.Extensions.Logging;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Events;
using Realtime.Translation;

namespace Realtime.Grains.Rooms;

/// <summary>The room's tick: counters, the directory, silent silos, persisting likes, translation.</summary>
public sealed partial class RoomGrain
{
    private void StartTicker() => _ticker ??= RegisterTick(OnTickAsync, Tick);

    private Task OnTickAsync()
    {
        var now = clock.UtcNow;
        TranslateCommitted();
        PublishStock();
        PruneRelays();
        ExpireSilentSilos();
        var viewers = Viewers;
        // A mechanical rate limit, timed by the machine's clock rather than the room's.
        if ((viewers != _sentViewers || State.Likes != _sentLikes) && Environment.TickCount64 - _countersAt >= CountersInterval.TotalMilliseconds)
        {
            _countersAt = Environment.TickCount64;
            _sentViewers = viewers;
            _sentLikes = State.Likes;
            _directoryDirty = true;
            Publish(Topic, HubEvents.RoomCounters, new RoomCounters(GrainKey, viewers, State.Likes));
        }

        if (_directoryDirty && now - _directoryAt >= DirectoryInterval)
        {
            _directoryDirty = false;
            _directoryAt = now;
            _ = UpdateDirectoryAsync(Summary());
        }

        if (_likesDirty && now - _likesWrittenAt >= LikesPersistInterval)
        {
            _likesDirty = false;
            _likesWrittenAt = now;
            Commit();
        }

        return Task.CompletedTask;
    }

    /// <summary>Reports the room to the directory outside the room's turns; a failed report is tried again on a later tick.</summary>
    private async Task UpdateDirectoryAsync(RoomSummary summary)
    {
        try
        {
            await GrainFactory.GetGrain<IRoomDirectoryGrain>(RoomDirectoryGrain.Key).UpsertAsync(summary, State.CreatedAt, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Back on the room's scheduler: marking it dirty again is safe here.
            _directoryDirty = true;
            RoomLog.DirectoryUpdateFailed(logger, GrainKey, e);
        }
    }

    /// <summary>
    /// Forgets the viewers of silos that stopped reporting (a silo re-reports every few seconds
    /// while it has viewers; one that died reports nothing more).
    /// </summary>
    private void ExpireSilentSilos()
    {
        foreach (var (siloId, report) in _siloViewers)
        {
            if (Environment.TickCount64 - report.ReportedAt > ViewerReportLifetime.TotalMilliseconds)
            {
                _siloViewers.Remove(siloId);
                _languages.Report(siloId, null);
            }
        }
    }

    /// <summary>Hands the lines committed since the last tick to translation, for the languages in demand.</summary>
    private void TranslateCommitted()
    {
        var roomId = GrainKey;
        translation.StartCommitted(
            _toTranslate,
            m => m.Seq,
            _window.Committed,
            _languages.InDemand(),
            m => new SourceText(m.Text, m.Language),
            (m, language, text) => new GrainEvent(
                Topics.RoomLanguage(roomId, language), HubEvents.ChatTranslated, new ChatTranslated(roomId, m.Seq, language, text.Text, text.Explanations)),
            PublishNow);
    }
}
