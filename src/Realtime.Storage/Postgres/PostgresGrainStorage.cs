using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Realtime.Storage.Postgres;

/// <summary>
/// Grain storage in a PostgreSQL database shared by every silo of a cluster, over a pooled
/// <see cref="NpgsqlDataSource"/>.
/// </summary>
/// <remarks>
/// A write is one transaction sent as one batch: the versioned state row, every append in a single
/// <c>INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING</c> and every delete in a single
/// <c>UPDATE ... WHERE seq = ANY(...)</c>, then the commit; two round trips however many entries it carries.
/// A conflict raises no database error: a state row not at the expected version updates no row, a taken seq
/// or dedupe key inserts no row, and the storage rolls the transaction back and reports the conflict. Writers
/// of one grain queue on its state row's lock, writers of different grains never wait for each other.
/// </remarks>
public sealed class PostgresGrainStorage : AdoNetGrainStorage, IAsyncDisposable
{
    private const string ApplicationNameDefault = "realtime-silo";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private int _disposed;

    /// <summary>Creates the storage and a connection pool of its own over <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">
    /// An Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=realtime;Password=...;Database=realtime</c>.
    /// Unless it says otherwise, <c>Application Name</c> is <c>realtime-silo</c> (what <c>pg_stat_activity</c> shows).
    /// </param>
    /// <param name="logger">Receives schema and conflict events; null for none.</param>
    /// <param name="metrics">Where write latency is recorded; null creates a private meter.</param>
    /// <exception cref="ArgumentException">The connection string has an unknown keyword or names no host.</exception>
    public PostgresGrainStorage(string connectionString, ILogger<PostgresGrainStorage>? logger = null, StorageMetrics? metrics = null)
        : this(CreateDataSource(connectionString), ownsDataSource: true, logger, metrics)
    {
    }

    /// <summary>Creates the storage over a data source that the caller owns and disposes (to share one pool).</summary>
    /// <param name="dataSource">Where connections come from.</param>
    /// <param name="logger">Receives schema and conflict events; null for none.</param>
    /// <param name="metrics">Where write latency is recorded; null creates a private meter.</param>
    public PostgresGrainStorage(NpgsqlDataSource dataSource, ILogger<PostgresGrainStorage>? logger = null, StorageMetrics? metrics = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, logger, metrics)
    {
    }

    private PostgresGrainStorage(NpgsqlDataSource dataSource, bool ownsDataSource, ILogger? logger, StorageMetrics? metrics)
        : base(PostgresDialect.Instance, logger ?? NullLogger.Instance, metrics)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    private static PostgresDialect Statements => PostgresDialect.Instance;

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Checks that the server answers, so that a silo with a wrong address fails its start saying where it looked.</remarks>
    protected override async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            PostgresLog.Connected(Logger, settings.Host ?? "?", settings.Port, connection.Database, connection.ServerVersion);
        }
        catch (NpgsqlException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Cannot open the PostgreSQL database '{settings.Database ?? settings.Username}' on {settings.Host}:{settings.Port} " +
                $"as '{settings.Username}': {failure.Message.TrimEnd('.')}. Check {StorageOptions.SectionName}:ConnectionString " +
                "and that the server is running (scripts/postgres.sh start on a development machine).",
                failure);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One <see cref="NpgsqlBatch"/> of at most three statements, sent with the transaction's BEGIN in one round
    /// trip; the counts of affected rows decide between commit and conflict.
    /// </remarks>
    protected override async Task<bool> WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, StateWrite write, DateTime now, CancellationToken cancellationToken)
    {
        var appends = write.Appends;
        var seqs = new long[appends.Count];
        var dedupes = new string?[appends.Count];
        var payloads = new string[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            var record = appends[i];
            ArgumentNullException.ThrowIfNull(record);
            ArgumentNullException.ThrowIfNull(record.Payload);
            seqs[i] = record.Seq;
            dedupes[i] = record.DedupeKey;
            payloads[i] = record.Payload;
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

        var first = write.ExpectedVersion == 0;
        var state = AddGrainCommand(batch, first ? Statements.InsertState : Statements.UpdateState, write);
        state.Parameters.Add(new NpgsqlParameter<string>("json", write.Json));
        state.Parameters.Add(new NpgsqlParameter<long>("version", write.ExpectedVersion + 1));
        if (!first)
        {
            state.Parameters.Add(new NpgsqlParameter<long>("expected", write.ExpectedVersion));
        }

        state.Parameters.Add(new NpgsqlParameter<DateTime>("now", now));

        NpgsqlBatchCommand? append = null;
        if (appends.Count > 0)
        {
            append = AddGrainCommand(batch, Statements.InsertLogBatch, write);
            append.Parameters.Add(new NpgsqlParameter<long[]>("seqs", seqs));
            append.Parameters.Add(new NpgsqlParameter<string?[]>("dedupes", dedupes));
            append.Parameters.Add(new NpgsqlParameter<string[]>("payloads", payloads));
            append.Parameters.Add(new NpgsqlParameter<DateTime>("now", now));
        }

        if (write.Deletes.Count > 0)
        {
            var delete = AddGrainCommand(batch, Statements.DeleteLogBatch, write);
            delete.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. write.Deletes]));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);

        // No state row changed: another writer got there first, or the grain exists when it should not.
        // Fewer rows than entries: a seq or dedupe key was taken, possibly by an entry earlier in this write.
        return state.RecordsAffected == 1 && (append is null || append.RecordsAffected == appends.Count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }

        Dispose();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsDataSource)
        {
            // Closes the pool's idle connections; connections still in use close when returned.
            _dataSource.Dispose();
        }

        base.Dispose(disposing);
    }

    private static NpgsqlBatchCommand AddGrainCommand(NpgsqlBatch batch, string sql, StateWrite write)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("type", write.Id.Type));
        command.Parameters.Add(new NpgsqlParameter<string>("key", write.Id.Key));
        batch.BatchCommands.Add(command);
        return command;
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString); // Rejects unknown keywords early.
        var settings = builder.ConnectionStringBuilder;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new ArgumentException(
                "The PostgreSQL connection string names no Host, e.g. Host=127.0.0.1;Port=5432;Username=realtime;Password=...;Database=realtime.",
                nameof(connectionString));
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = ApplicationNameDefault;
        }

        return builder.Build();
    }
}
