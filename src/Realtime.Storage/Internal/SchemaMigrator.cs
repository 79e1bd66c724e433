using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Realtime.Storage.Internal;

/// <summary>Brings a database's schema up to the newest migration its dialect knows.</summary>
internal static class SchemaMigrator
{
    /// <summary>
    /// Applies the missing migrations in one transaction. Concurrent callers (several silos starting at once)
    /// queue on the transaction's write lock or the dialect's schema lock, so the second one finds the schema
    /// current and does nothing.
    /// </summary>
    public static async Task MigrateAsync(DbConnection connection, SqlDialect dialect, ILogger logger, CancellationToken cancellationToken)
    {
        var migrations = dialect.Migrations;
        EnsureOrdered(dialect.Name, migrations);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (dialect.SchemaLockStatement is { } lockStatement)
        {
            await ExecuteAsync(connection, transaction, lockStatement, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, dialect.CreateSchemaVersionTable, cancellationToken);
        var current = await ReadVersionAsync(connection, transaction, dialect, cancellationToken);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            // A newer silo upgraded the database; migrations only add, so this one can keep working.
            StorageLog.SchemaNewerThanKnown(logger, dialect.Name, current, latest);
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await RecordAsync(connection, transaction, dialect, migration, cancellationToken);
            StorageLog.SchemaMigrated(logger, dialect.Name, migration.Version, migration.Description);
        }

        await transaction.CommitAsync(cancellationToken);
        StorageLog.SchemaReady(logger, dialect.Name, Math.Max(current, latest));
    }

    private static void EnsureOrdered(string dialect, IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"The {dialect} migrations must be numbered 1, 2, 3 ... without gaps; position {i + 1} holds version {migrations[i].Version}.");
            }
        }
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.SelectSchemaVersion;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, Migration migration, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.InsertSchemaVersion;
        command.AddParameter("@version", DbType.Int32, migration.Version);
        command.AddParameter("@description", DbType.String, migration.Description);
        command.AddNow(DateTime.UtcNow);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
