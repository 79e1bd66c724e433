using Microsoft.Extensions.Logging;

namespace Realtime.Hosting.Silo;

internal static partial class FootprintLog
{
    [LoggerMessage(3101, LogLevel.Information, "Idle silo trimmed its GC heap: committed {BeforeMiB} -> {AfterMiB} MiB (live {HeapMiB} MiB), paused {PauseMs:F0} ms")]
    public static partial void Trimmed(ILogger logger, long beforeMiB, long afterMiB, long heapMiB, double pauseMs);
}
