using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Notes;

internal static partial class NoteLog
{
    [LoggerMessage(2101, LogLevel.Warning, "Note {NoteId} could not deliver a notification; it stays in the outbox and is retried")]
    public static partial void OutboxDeliveryFailed(ILogger logger, string noteId, Exception exception);
}
