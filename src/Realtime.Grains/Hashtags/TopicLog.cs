using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Hashtags;

internal static partial class TopicLog
{
    [LoggerMessage(2401, LogLevel.Warning, "Topic {Tag} could not report to the trending grain; it reports again within a second")]
    public static partial void ReportFailed(ILogger logger, string tag, Exception exception);

    [LoggerMessage(2402, LogLevel.Warning, "Note {NoteId} could not hand an update to topic {Tag}; it stays in the note's outbox and is retried")]
    public static partial void UpdateFailed(ILogger logger, string noteId, string tag, Exception exception);
}
