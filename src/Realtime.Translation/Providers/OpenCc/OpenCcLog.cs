using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>Log messages of the OpenCC provider; none carries the texts being converted.</summary>
internal static partial class OpenCcLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "OpenCC is off: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "OpenCC ({Backend}) converts with {Configs}")]
    public static partial void Available(ILogger logger, OpenCcBackendKind backend, string configs);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information,
        Message = "libopencc cannot be loaded ({Reason}); the opencc command is used instead")]
    public static partial void LibraryMissing(ILogger logger, string reason);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning,
        Message = "OpenCC ({Backend}) cannot use {Config}: {Reason}")]
    public static partial void ConfigUnavailable(ILogger logger, OpenCcBackendKind backend, string config, string reason);
}
