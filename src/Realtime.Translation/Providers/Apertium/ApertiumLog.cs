using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>Log messages of the Apertium provider; none carries the texts being translated.</summary>
internal static partial class ApertiumLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Apertium is off: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "Apertium ({Backend}) translates {Count} directions: {Pairs}")]
    public static partial void PairsDiscovered(ILogger logger, ApertiumBackendKind backend, int count, string pairs);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning,
        Message = "Apertium ({Backend}) could not list its pairs: {Reason}")]
    public static partial void DiscoveryFailed(ILogger logger, ApertiumBackendKind backend, string reason, Exception? exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information,
        Message = "Apertium pipeline {Mode} started (process {ProcessId})")]
    public static partial void PipelineStarted(ILogger logger, string mode, int processId);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning,
        Message = "Apertium pipeline {Mode} stopped working: {Reason}{Stderr}; a new one is started")]
    public static partial void PipelineBroken(ILogger logger, string mode, string reason, string stderr);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning,
        Message = "Apertium pipeline {Mode} gave no answer within {Timeout}; it was killed")]
    public static partial void PipelineTimedOut(ILogger logger, string mode, TimeSpan timeout);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug,
        Message = "Apertium pipeline {Mode}: {Line}")]
    public static partial void PipelineStderr(ILogger logger, string mode, string line);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning,
        Message = "Apertium APY request for {Mode} failed ({Failure}); attempt {Attempt} of {MaxAttempts}")]
    public static partial void ApyRequestFailed(ILogger logger, string mode, string failure, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Information,
        Message = "Apertium pipelines are not null-flushed by apertium-wblank-mode ({Reason}); -z is added to each stage of {Mode} instead")]
    public static partial void WblankModeUnavailable(ILogger logger, string mode, string reason);
}
