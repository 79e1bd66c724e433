using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Silo;
using Orleans;

namespace Realtime.Hosting.Presence;

/// <summary>
/// Reports this silo's viewer counts to their rooms again every few seconds, so a room that was
/// reactivated (and lost its in-memory counts) is whole again without waiting for a join.
/// </summary>
public sealed class ViewerReporter(TopicPresence presence, ReaderLanguageTracker languages, SiloIdentity silo, IGrainFactory grains, ILogger<ViewerReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly string RoomPrefix = Topics.Room(string.Empty);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var (topic, _) in presence.Snapshot(RoomPrefix))
                {
                    var (count, version) = presence.Observe(topic);
                    try
                    {
                        await grains.GetGrain<IRoomGrain>(topic[RoomPrefix.Length..]).ReportViewersAsync(silo.Id, count, languages.Counts(topic), version, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        HostingLog.ViewerReportFailed(logger, topic, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
