using Realtime.Storage.Orleans;

namespace Realtime.Storage.Sqlite;

/// <summary>SQLite's schema. Its statements are the shared defaults of <see cref="SqlDialect"/>.</summary>
/// <remarks>
/// Versions: 1 grain state and logs; 2 the Orleans ADO.NET grain storage tables (<see cref="SqliteOrleansSchema"/>).
/// </remarks>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance; the dialect holds no state.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string CreateSchemaVersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (" +
        "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "grain state and grain logs",
        [
            """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                json TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key))
            """,
            """
            CREATE TABLE grain_log (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                dedupe_key TEXT NULL,
                payload TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, seq))
            """,
            // Partial: entries without a dedupe key are many and need no uniqueness check.
            """
            CREATE UNIQUE INDEX ux_grain_log_dedupe_key
                ON grain_log (grain_type, grain_key, dedupe_key) WHERE dedupe_key IS NOT NULL
            """,
        ]),
        SqliteOrleansSchema.GrainStorage(2),
    ];
}
