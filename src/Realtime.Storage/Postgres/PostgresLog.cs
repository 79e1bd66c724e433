using Microsoft.Extensions.Logging;

namespace Realtime.Storage.Postgres;

/// <summary>PostgreSQL storage log events; ids 20 and up, apart from <see cref="StorageLog"/>'s.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(20, LogLevel.Information, "PostgreSQL database {Database} on {Host}:{Port} (server {ServerVersion}).")]
    public static partial void Connected(ILogger logger, string host, int port, string database, string serverVersion);
}
