using System.Data;
using System.Data.Common;
using Realtime.Storage.Internal;

namespace Realtime.Storage;

// The write path: one transaction holding the version check, the appends and the deletes.
public abstract partial class AdoNetGrainStorage
{
    private async Task<long> WriteInTransactionAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // Leaving this block without CommitAsync (a conflict, a failure, a cancellation) rolls everything back.
        // SQLite opens it as BEGIN IMMEDIATE: a writer in another process waits here (busy_timeout) instead of
        // failing half-way when a read lock cannot be upgraded.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (!await WriteRowsAsync(connection, transaction, write, now, cancellationToken))
        {
            throw new StorageConflictException(write.Id, write.ExpectedVersion);
        }

        // Not cancellable: once every row is in place, giving up at the commit would only leave the caller
        // unsure whether it happened.
        await transaction.CommitAsync(CancellationToken.None);
        return write.ExpectedVersion + 1;
    }

    /// <inheritdoc />
    public async Task ApplyLogAsync(StorageKey id, IReadOnlyList<LogRecord> appends, IReadOnlyList<long> deletes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(deletes);
        if (appends.Count == 0 && deletes.Count == 0)
        {
            return;
        }

        var write = new StateWrite(id, string.Empty, 0, appends, deletes);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = StorageMetrics.OutcomeError;
        try
        {
            await RunWriterAsync(async ct =>
            {
                await using var connection = await OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                // A taken seq or key is an earlier application of the same entries: skipping it is the point.
                await AppendAsync(connection, transaction, write, DateTime.UtcNow, ct, stopAtConflict: false);
                await DeleteAsync(connection, transaction, write, ct);
                await transaction.CommitAsync(CancellationToken.None);
                return true;
            }, cancellationToken);
            outcome = StorageMetrics.OutcomeOk;
        }
        finally
        {
            _metrics.RecordWrite(System.Diagnostics.Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    /// <summary>
    /// Writes the state row, the appends and the deletes of <paramref name="write"/> inside
    /// <paramref name="transaction"/>, which the caller commits on true and rolls back otherwise.
    /// Returns false on a conflict: the state row is not at the expected version, or an append's seq or
    /// dedupe key is taken. The default runs one statement per row; a database that can send them
    /// together overrides this.
    /// </summary>
    protected virtual async Task<bool> WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, StateWrite write, DateTime now, CancellationToken cancellationToken)
    {
        if (!await WriteStateRowAsync(connection, transaction, write, now, cancellationToken)
            || !await AppendAsync(connection, transaction, write, now, cancellationToken))
        {
            return false;
        }

        await DeleteAsync(connection, transaction, write, cancellationToken);
        return true;
    }

    private async Task<bool> WriteStateRowAsync(DbConnection connection, DbTransaction transaction, StateWrite write, DateTime now, CancellationToken cancellationToken)
    {
        var first = write.ExpectedVersion == 0;
        await using var command = CreateGrainCommand(connection, transaction, first ? Dialect.InsertState : Dialect.UpdateState, write.Id);
        command.AddParameter("@json", DbType.String, write.Json);
        command.AddParameter("@version", DbType.Int64, write.ExpectedVersion + 1);
        if (!first)
        {
            command.AddParameter("@expected", DbType.Int64, write.ExpectedVersion);
        }

        command.AddNow(now);
        // No row changed means another writer got there first (or the grain exists when it should not).
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<bool> AppendAsync(DbConnection connection, DbTransaction transaction, StateWrite write, DateTime now, CancellationToken cancellationToken, bool stopAtConflict = true)
    {
        if (write.Appends.Count == 0)
        {
            return true;
        }

        // One prepared command rebound per entry: the statement is compiled once per write, not per entry.
        await using var command = CreateGrainCommand(connection, transaction, Dialect.InsertLog, write.Id);
        var seq = command.AddParameter("@seq", DbType.Int64, 0L);
        var dedupe = command.AddParameter("@dedupe", DbType.String, null);
        var payload = command.AddParameter("@payload", DbType.String, string.Empty);
        command.AddNow(now);
        if (write.Appends.Count > 1)
        {
            await command.PrepareAsync(cancellationToken);
        }

        foreach (var record in write.Appends)
        {
            ArgumentNullException.ThrowIfNull(record);
            ArgumentNullException.ThrowIfNull(record.Payload);
            seq.Value = record.Seq;
            dedupe.Value = (object?)record.DedupeKey ?? DBNull.Value;
            payload.Value = record.Payload;
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && stopAtConflict)
            {
                return false; // The seq or dedupe key is taken, possibly by an entry earlier in this write.
            }
        }

        return true;
    }

    private async Task DeleteAsync(DbConnection connection, DbTransaction transaction, StateWrite write, CancellationToken cancellationToken)
    {
        if (write.Deletes.Count == 0)
        {
            return;
        }

        await using var command = CreateGrainCommand(connection, transaction, Dialect.DeleteLog, write.Id);
        var seq = command.AddParameter("@seq", DbType.Int64, 0L);
        if (write.Deletes.Count > 1)
        {
            await command.PrepareAsync(cancellationToken);
        }

        foreach (var deleted in write.Deletes)
        {
            seq.Value = deleted;
            // Deleting an unknown seq changes nothing and is not an error: the intent already holds.
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
