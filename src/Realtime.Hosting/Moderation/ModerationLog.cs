using Microsoft.Extensions.Logging;

namespace Realtime.Hosting.Moderation;

/// <summary>The moderation layer's log messages.</summary>
internal static partial class ModerationLog
{
    [LoggerMessage(3401, LogLevel.Warning, "Could not read the moderation term lists; the current ones stay in force")]
    public static partial void TermsSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(3402, LogLevel.Information, "Moderation term lists version {Version} in force ({Count} terms)")]
    public static partial void TermsApplied(ILogger logger, long version, int count);

    [LoggerMessage(3403, LogLevel.Information, "Review entry {Id} ({Kind} {TargetId}) {Decision} by {ModeratorId}")]
    public static partial void Decided(ILogger logger, string id, string kind, string targetId, string decision, string moderatorId);
}
