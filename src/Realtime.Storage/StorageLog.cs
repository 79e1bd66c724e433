using Microsoft.Extensions.Logging;

namespace Realtime.Storage;

/// <summary>Storage log events; the ids are stable so operators can filter on them.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Information, "Storage {Provider}: applied schema migration {Version} ({Description}).")]
    public static partial void SchemaMigrated(ILogger logger, string provider, int version, string description);

    [LoggerMessage(2, LogLevel.Debug, "Storage {Provider}: schema at version {Version}.")]
    public static partial void SchemaReady(ILogger logger, string provider, int version);

    [LoggerMessage(3, LogLevel.Warning, "Storage {Provider}: the database is at schema version {StoredVersion}, newer than this silo's {KnownVersion}; continuing.")]
    public static partial void SchemaNewerThanKnown(ILogger logger, string provider, int storedVersion, int knownVersion);

    [LoggerMessage(4, LogLevel.Debug, "Write of {GrainId} refused: no longer at version {ExpectedVersion}, or an append reused a seq or dedupe key.")]
    public static partial void WriteConflict(ILogger logger, StorageKey grainId, long expectedVersion);

    [LoggerMessage(5, LogLevel.Information, "SQLite database at {Path} (journal mode {JournalMode}).")]
    public static partial void SqliteOpened(ILogger logger, string path, string journalMode);

    [LoggerMessage(6, LogLevel.Warning, "SQLite database at {Path} runs in journal mode {JournalMode}, not WAL: readers and the writer will block each other.")]
    public static partial void SqliteNotWal(ILogger logger, string path, string journalMode);

    [LoggerMessage(7, LogLevel.Information, "Storage ready in {ElapsedMilliseconds} ms.")]
    public static partial void StorageReady(ILogger logger, long elapsedMilliseconds);
}
