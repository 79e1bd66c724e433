using Microsoft.Extensions.Logging;

namespace Realtime.Translation;

internal static partial class TranslationLog
{
    [LoggerMessage(4001, LogLevel.Warning, "The glossary at {Path} cannot be read; the defaults are used")]
    public static partial void GlossaryUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(4002, LogLevel.Information, "No translation provider translates {Source} into {Target}; such lines are not translated")]
    public static partial void NoProvider(ILogger logger, string source, string target);

    [LoggerMessage(4003, LogLevel.Warning, "Translation by {Provider} failed; the originals stand")]
    public static partial void ProviderFailed(ILogger logger, string provider, Exception exception);

    [LoggerMessage(4004, LogLevel.Information, "Translation provider {Provider} is available")]
    public static partial void ProviderAvailable(ILogger logger, string provider);

    [LoggerMessage(4005, LogLevel.Warning, "Translation provider {Provider} is not available: {Reason}")]
    public static partial void ProviderUnavailable(ILogger logger, string provider, string reason);

    [LoggerMessage(4006, LogLevel.Warning, "Translation is off: no provider is available (install apertium or opencc, or configure Translation:Azure)")]
    public static partial void TranslationOff(ILogger logger);

    [LoggerMessage(4007, LogLevel.Warning, "Reading or writing the shared translation cache failed")]
    public static partial void CacheStorageFailed(ILogger logger, Exception exception);
}
