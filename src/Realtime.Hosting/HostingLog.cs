using Microsoft.Extensions.Logging;

namespace Realtime.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Sending {EventName} to {Topic} failed")]
    public static partial void GroupSendFailed(ILogger logger, string topic, string eventName, Exception exception);

    [LoggerMessage(3002, LogLevel.Error, "{Count} likes for room {RoomId} could not be applied")]
    public static partial void LikesLost(ILogger logger, string roomId, long count, Exception exception);

    [LoggerMessage(3003, LogLevel.Error, "Hub method {Method} failed unexpectedly")]
    public static partial void HubMethodFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "Reporting viewers of {Topic} failed")]
    public static partial void ViewerReportFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Realtime silo {SiloId} is listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string siloId, string addresses);

    [LoggerMessage(3006, LogLevel.Warning, "{Count} likes for room {RoomId} are sent again: the room did not answer")]
    public static partial void LikesRetried(ILogger logger, string roomId, long count, Exception exception);

    [LoggerMessage(3007, LogLevel.Warning, "Subscribing to {Topic} failed; the next renewal tries again")]
    public static partial void SubscribeFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(3008, LogLevel.Warning, "Filling a gap in {Topic} after seq {Seq} failed")]
    public static partial void GapFillFailed(ILogger logger, string topic, long seq, Exception exception);

    [LoggerMessage(3009, LogLevel.Debug, "Filled {Count} items of {Topic} after seq {Seq} from the log")]
    public static partial void GapFilled(ILogger logger, string topic, long seq, int count);

    [LoggerMessage(3010, LogLevel.Warning, "A request to {Path} was answered unavailable")]
    public static partial void RestCallUnavailable(ILogger logger, string path, Exception exception);
}
