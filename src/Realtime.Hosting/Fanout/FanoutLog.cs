using Microsoft.Extensions.Logging;

namespace Realtime.Hosting.Fanout;

internal static partial class FanoutLog
{
    [LoggerMessage(3060, LogLevel.Warning, "Connection {ConnectionId} has {Queued} writes waiting behind a full transport; closing it so it resumes from its last seq")]
    public static partial void SlowConnectionClosed(ILogger logger, string connectionId, int queued);

    [LoggerMessage(3061, LogLevel.Debug, "A write to connection {ConnectionId} failed")]
    public static partial void WriteFailed(ILogger logger, string connectionId, Exception exception);
}
