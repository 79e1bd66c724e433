using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Commerce;

/// <summary>The product grain's log messages.</summary>
internal static partial class CommerceLog
{
    [LoggerMessage(2701, LogLevel.Warning, "Product {ProductKey} could not tell its room about its stock; the next order or tick tries again")]
    public static partial void RoomUpdateFailed(ILogger logger, string productKey, Exception exception);
}
