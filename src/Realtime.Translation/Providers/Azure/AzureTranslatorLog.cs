using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.Azure;

/// <summary>
/// Log messages of the Azure provider. None of them carries the subscription key or the texts
/// being translated; failures carry Azure's request id and our client trace id for support.
/// </summary>
internal static partial class AzureTranslatorLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Azure Translator is off: {Reason}")]
    public static partial void NotConfigured(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Azure Translator translates {Count} languages (from GET /languages)")]
    public static partial void LanguagesDiscovered(this ILogger logger, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Azure Translator language list unavailable ({Reason}); using the built-in {Count} languages")]
    public static partial void LanguageDiscoveryFailed(this ILogger logger, string reason, int count, Exception? exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug,
        Message = "Azure Translator request {ClientTraceId}: {Texts} texts, {Characters} characters, to {Target}")]
    public static partial void Sending(this ILogger logger, Guid clientTraceId, int texts, long characters, string target);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Azure Translator request {ClientTraceId} failed ({Failure}), attempt {Attempt} of {MaxAttempts}; retrying in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, Guid clientTraceId, string failure, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error,
        Message = "Azure Translator request {ClientTraceId} failed: {Failure}")]
    public static partial void RequestFailed(this ILogger logger, Guid clientTraceId, string failure);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Azure Translator circuit opened after {Failures} consecutive failed requests; calls are refused for {OpenFor}")]
    public static partial void CircuitOpened(this ILogger logger, int failures, TimeSpan openFor);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning,
        Message = "Azure Translator trial request failed; the circuit is open again for {OpenFor}")]
    public static partial void CircuitReopened(this ILogger logger, TimeSpan openFor);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information,
        Message = "Azure Translator trial request succeeded; the circuit is closed")]
    public static partial void CircuitClosed(this ILogger logger);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Debug,
        Message = "Azure Translator call refused: the circuit is open until {RetryAt:O}")]
    public static partial void CircuitRefused(this ILogger logger, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "Azure Translator cannot take text {Index}: {Length} characters x {Targets} target(s) is over the {Limit}-character request limit")]
    public static partial void TextOverLimit(this ILogger logger, int index, int length, int targets, int limit);
}
