using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Realtime.Storage.Sqlite;

/// <summary>
/// Grain storage in one SQLite file: the embedded profile's storage. WAL journal, so readers run beside
/// the writer; <c>synchronous=NORMAL</c>, so a commit survives the process being killed (not power loss).
/// </summary>
public sealed class SqliteGrainStorage : AdoNetGrainStorage
{
    // How long a connection waits for a lock held by another process before failing.
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;
    private readonly string? _filePath;

    // SQLite admits one writer at a time. Queueing this process's writers here is cheaper and fairer than
    // letting them collide on the database lock and back off; other processes still wait on busy_timeout.
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Creates the storage over the file named by <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">Any Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=/var/realtime/realtime.db</c>.</param>
    /// <param name="logger">Receives schema and conflict events; null for none.</param>
    /// <param name="metrics">Where write latency is recorded; null creates a private meter.</param>
    public SqliteGrainStorage(string connectionString, ILogger<SqliteGrainStorage>? logger = null, StorageMetrics? metrics = null)
        : base(SqliteDialect.Instance, logger ?? (ILogger)NullLogger.Instance, metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString); // Rejects unknown keywords early.
        _connectionString = builder.ToString();
        _filePath = FilePathOf(builder);
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection, and pooled connections may be new: apply every time (microseconds).
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    protected override async Task<T> RunWriterAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_filePath is not null && Path.GetDirectoryName(_filePath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // WAL is a property of the file, so setting it once per start is enough; it cannot run in a transaction.
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        var location = _filePath ?? connection.DataSource;
        if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            StorageLog.SqliteOpened(Logger, location, mode);
        }
        else
        {
            StorageLog.SqliteNotWal(Logger, location, mode);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Pooled connections would otherwise keep the file open after the storage is gone.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
            _writer.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The database file's full path, or null for in-memory and URI data sources.</summary>
    private static string? FilePathOf(SqliteConnectionStringBuilder builder)
    {
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(source)
            || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(source);
    }
}
