using Npgsql;

namespace Realtime.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests use, named by the environment variable <see cref="VariableName"/> (an admin
/// connection string whose user may create databases), by default the one <c>scripts/postgres.sh start</c>
/// prints. Each test gets a database of its own and drops it afterwards. An unreachable server fails the test
/// saying how to start one: these tests are never skipped.
/// </summary>
internal static class PostgresTestServer
{
    public const string VariableName = "REALTIME_TEST_POSTGRES";

    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=realtime;Password=realtime;Database=realtime";

    public static string AdminConnectionString
        => Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"realtime_test_{Guid.NewGuid():N}";
        // template0 with an explicit encoding: the same UTF-8 database whatever locale the cluster was created in.
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
        catch (PostgresException failure) when (failure.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not terminate a session of another role, such as an autovacuum worker that just started on
            // the database (PostgreSQL 15). Close our own sessions and drop without FORCE: the plain drop stops
            // autovacuum workers itself and waits a few seconds for other sessions to leave.
            await ExecuteAsync(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
                $"WHERE datname = '{name}' AND usename = current_user AND pid <> pg_backend_pid()");
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name}");
        }
    }

    /// <summary>Runs one query in the database of <paramref name="connectionString"/> and returns its first value.</summary>
    public static async Task<object?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException failure)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server and cannot reach it at {admin.Host}:{admin.Port} as '{admin.Username}' " +
                $"(database '{admin.Database}'): {failure.Message.TrimEnd('.')}. Start it with scripts/postgres.sh start (scripts/install-test-deps.sh " +
                $"installs and starts it), or point {VariableName} at an admin connection string whose user may create databases.",
                failure);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
