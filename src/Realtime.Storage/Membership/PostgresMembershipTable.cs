using Npgsql;
using Realtime.Runtime.Cluster;

namespace Realtime.Storage.Membership;

/// <summary>
/// Cluster membership in PostgreSQL, kept the way Orleans' ADO.NET clustering keeps it: one row
/// per silo with its incarnation and a heartbeat stamped with the database's clock.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource) : IMembershipTable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS realtime_silos (
            silo_id      text PRIMARY KEY,
            incarnation  text NOT NULL,
            status       text NOT NULL,
            started_at   timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL)
        """;

    private volatile bool _schemaReady;

    /// <inheritdoc />
    public async Task RegisterAsync(string siloId, string incarnation, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO realtime_silos (silo_id, incarnation, status, started_at, heartbeat_at)
            VALUES (@silo, @incarnation, 'active', now(), now())
            ON CONFLICT (silo_id) DO UPDATE SET incarnation = excluded.incarnation, status = 'active',
                started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at
            """);
        command.Parameters.AddWithValue("silo", siloId);
        command.Parameters.AddWithValue("incarnation", incarnation);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(string siloId, string incarnation, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE realtime_silos SET heartbeat_at = now() WHERE silo_id = @silo AND incarnation = @incarnation AND status = 'active'");
        command.Parameters.AddWithValue("silo", siloId);
        command.Parameters.AddWithValue("incarnation", incarnation);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ReadLiveAsync(TimeSpan deadAfter, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "SELECT silo_id FROM realtime_silos WHERE status = 'active' AND heartbeat_at > now() - @dead ORDER BY silo_id");
        command.Parameters.AddWithValue("dead", deadAfter);
        var live = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            live.Add(reader.GetString(0));
        }

        return live;
    }

    /// <inheritdoc />
    public async Task LeaveAsync(string siloId, string incarnation, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE realtime_silos SET status = 'left' WHERE silo_id = @silo AND incarnation = @incarnation");
        command.Parameters.AddWithValue("silo", siloId);
        command.Parameters.AddWithValue("incarnation", incarnation);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(Schema);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another silo created it at the same moment.
        }

        _schemaReady = true;
    }
}
