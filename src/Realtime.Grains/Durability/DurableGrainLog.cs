using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Durability;

internal static partial class DurableGrainLog
{
    [LoggerMessage(2001, LogLevel.Warning, "{Grain}: newer state was written by another activation; this one deactivates and its callers retry")]
    public static partial void StaleActivation(ILogger logger, string grain, Exception exception);

    [LoggerMessage(2002, LogLevel.Warning, "{Grain}: a write failed; it is retried, and its callers were told to retry")]
    public static partial void WriteFailed(ILogger logger, string grain, Exception exception);
}
