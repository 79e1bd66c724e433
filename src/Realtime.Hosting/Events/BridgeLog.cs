using Microsoft.Extensions.Logging;

namespace Realtime.Hosting.Events;

internal static partial class BridgeLog
{
    [LoggerMessage(3050, LogLevel.Warning, "{Pending} group sends are waiting for slow connections; event fan-out waits until fewer are")]
    public static partial void FanOutBackedUp(ILogger logger, int pending);

    [LoggerMessage(3051, LogLevel.Information, "Event fan-out resumed after waiting {Milliseconds} ms for slow connections")]
    public static partial void FanOutResumed(ILogger logger, long milliseconds);
}
