using Microsoft.Extensions.Logging;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(1001, LogLevel.Debug, "Activated {GrainId}")]
    public static partial void Activated(ILogger logger, GrainId grainId);

    [LoggerMessage(1002, LogLevel.Debug, "Deactivated {GrainId}")]
    public static partial void Deactivated(ILogger logger, GrainId grainId);

    [LoggerMessage(1003, LogLevel.Error, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1004, LogLevel.Warning, "Deactivation hook of {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Activation of {GrainId} is stale (a newer version is stored); it is deactivated and calls retry")]
    public static partial void StaleActivation(ILogger logger, GrainId grainId);

    [LoggerMessage(1006, LogLevel.Error, "Commit of {GrainId} failed; the activation is dropped")]
    public static partial void CommitFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1007, LogLevel.Warning, "Publishing events of {GrainId} failed")]
    public static partial void PublishFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1008, LogLevel.Warning, "A timer of {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(1009, LogLevel.Critical, "The turn loop of {GrainId} failed")]
    public static partial void ActivationLoopFailed(ILogger logger, GrainId grainId, Exception exception);
}
