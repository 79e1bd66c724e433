using Microsoft.Extensions.Logging;

namespace Realtime.Moderation;

/// <summary>Log messages of moderation; none carries a user's text.</summary>
internal static partial class ModerationLog
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information,
        Message = "Moderation folds traditional Chinese to simplified with OpenCC")]
    public static partial void SimplifierAvailable(ILogger logger);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning,
        Message = "OpenCC is not available ({Reason}); moderation matches traditional and simplified Chinese terms apart")]
    public static partial void SimplifierUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information,
        Message = "Moderation terms version {Version}: {Count} terms")]
    public static partial void TermsChanged(ILogger logger, long version, int count);
}
