using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Rooms;

internal static partial class RoomLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Room {RoomId} could not update the room directory")]
    public static partial void DirectoryUpdateFailed(ILogger logger, string roomId, Exception exception);
}
