using Microsoft.Extensions.Logging;

namespace Realtime.Hosting.Hashtags;

internal static partial class HashtagLog
{
    [LoggerMessage(3501, LogLevel.Information, "{Count} views of note {NoteId} were dropped")]
    public static partial void ViewsLost(ILogger logger, string noteId, long count, Exception exception);

    [LoggerMessage(3502, LogLevel.Warning, "{Count} views of note {NoteId} are sent again: the note did not answer")]
    public static partial void ViewsRetried(ILogger logger, string noteId, long count, Exception exception);
}
