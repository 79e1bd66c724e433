using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Realtime.Storage.Internal;

namespace Realtime.Storage;

/// <summary>
/// Grain storage over any ADO.NET provider. A database plugs in by supplying its <see cref="SqlDialect"/>
/// and how to open a connection; the versioned writes, log reads and schema upgrades live here once.
/// </summary>
public abstract partial class AdoNetGrainStorage : IRealtimeStore, IDisposable
{
    private readonly StorageMetrics _metrics;
    private readonly bool _ownsMetrics;

    /// <summary>Creates the storage.</summary>
    /// <param name="dialect">The database's statements and migrations.</param>
    /// <param name="logger">Receives schema and conflict events.</param>
    /// <param name="metrics">Where write latency is recorded; null creates a private meter.</param>
    protected AdoNetGrainStorage(SqlDialect dialect, ILogger logger, StorageMetrics? metrics)
    {
        Dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _ownsMetrics = metrics is null;
        _metrics = metrics ?? new StorageMetrics();
    }

    /// <summary>The database's statements and migrations.</summary>
    protected SqlDialect Dialect { get; }

    /// <summary>Receives schema and conflict events.</summary>
    protected ILogger Logger { get; }

    /// <summary>Opens a connection ready for use (provider settings applied); the caller disposes it.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one write transaction. The default runs it at once; a database that admits a single writer
    /// overrides this to queue writers instead of letting them collide.
    /// </summary>
    protected virtual Task<T> RunWriterAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        => write(cancellationToken);

    /// <summary>Work that must precede the schema and cannot run in a transaction (files, journal mode).</summary>
    protected virtual Task PrepareDatabaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await PrepareDatabaseAsync(cancellationToken);
        await RunWriterAsync(async ct =>
        {
            await using var connection = await OpenConnectionAsync(ct);
            await SchemaMigrator.MigrateAsync(connection, Dialect, Logger, ct);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredState?> ReadStateAsync(StorageKey id, CancellationToken cancellationToken = default)
    {
        EnsureValid(id);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateGrainCommand(connection, null, Dialect.SelectState, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredState(id, reader.GetString(0), reader.GetInt64(1))
            : null;
    }

    /// <inheritdoc />
    public async Task<long> WriteStateAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureValid(write.Id);
        ArgumentNullException.ThrowIfNull(write.Json);
        ArgumentNullException.ThrowIfNull(write.Appends);
        ArgumentNullException.ThrowIfNull(write.Deletes);
        ArgumentOutOfRangeException.ThrowIfNegative(write.ExpectedVersion);

        var started = Stopwatch.GetTimestamp();
        var outcome = StorageMetrics.OutcomeError;
        try
        {
            var version = await RunWriterAsync(ct => WriteInTransactionAsync(write, ct), cancellationToken);
            outcome = StorageMetrics.OutcomeOk;
            return version;
        }
        catch (StorageConflictException)
        {
            outcome = StorageMetrics.OutcomeConflict;
            StorageLog.WriteConflict(Logger, write.Id, write.ExpectedVersion);
            throw;
        }
        finally
        {
            _metrics.RecordWrite(Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LogRecord>> ReadLogAsync(StorageKey id, long afterSeq, int limit, CancellationToken cancellationToken = default)
        => ReadLogAsync(id, Dialect.SelectLogAfter, limit, command => command.AddParameter("@after", DbType.Int64, afterSeq), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LogRecord>> ReadLogTailAsync(StorageKey id, int limit, CancellationToken cancellationToken = default)
        => ReadLogAsync(id, Dialect.SelectLogTail, limit, static _ => { }, cancellationToken);

    /// <inheritdoc />
    public async Task<LogRecord?> FindLogByDedupeKeyAsync(StorageKey id, string dedupeKey, CancellationToken cancellationToken = default)
    {
        EnsureValid(id);
        ArgumentNullException.ThrowIfNull(dedupeKey);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateGrainCommand(connection, null, Dialect.SelectLogByDedupeKey, id);
        command.AddParameter("@dedupe", DbType.String, dedupeKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRecord(reader) : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the storage owns: its private meter, and whatever a database keeps open.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsMetrics)
        {
            _metrics.Dispose();
        }
    }

    private async Task<IReadOnlyList<LogRecord>> ReadLogAsync(
        StorageKey id, string sql, int limit, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        EnsureValid(id);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = CreateGrainCommand(connection, null, sql, id);
        command.AddParameter("@limit", DbType.Int32, limit);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<LogRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    private static DbCommand CreateGrainCommand(DbConnection connection, DbTransaction? transaction, string sql, StorageKey id)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter("@type", DbType.String, id.Type);
        command.AddParameter("@key", DbType.String, id.Key);
        return command;
    }

    private static LogRecord ReadRecord(DbDataReader reader)
        => new(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));

    private static void EnsureValid(StorageKey id)
    {
        if (id.Type is null || id.Key is null)
        {
            throw new ArgumentException("A grain id needs both a type and a key.", nameof(id));
        }
    }
}
