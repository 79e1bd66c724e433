using Realtime.Storage.Orleans;

namespace Realtime.Storage.Postgres;

/// <summary>
/// PostgreSQL's schema, its schema lock, and the set-based statements that let
/// <see cref="PostgresGrainStorage"/> write all of a commit's appends and deletes in one statement each.
/// </summary>
/// <remarks>
/// Keys are <c>text COLLATE "C"</c>: grain ids are compared byte for byte, never by a locale, and the
/// B-tree compares them faster. State and payloads are <c>text</c>, not <c>jsonb</c>, because storage hands
/// back exactly the string it was given. Versions and seqs are <c>bigint</c>; times are <c>timestamptz</c>.
/// Schema versions: 1 grain state and logs; 2 the Orleans ADO.NET grain storage tables
/// (<see cref="PostgresOrleansSchema"/>); 3 Orleans cluster membership (<see cref="PostgresOrleansClustering"/>).
/// </remarks>
public sealed class PostgresDialect : SqlDialect
{
    /// <summary>
    /// Key of the transaction-level advisory lock that serialises schema upgrades ("Realtime" in ASCII).
    /// Advisory locks are per database, so silos of different databases on one server never wait for each other.
    /// </summary>
    public const long SchemaLockKey = 0x5265616C74696D65;

    /// <summary>The one instance; the dialect holds no state.</summary>
    public static PostgresDialect Instance { get; } = new();

    private PostgresDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "postgres";

    /// <inheritdoc />
    /// <remarks>
    /// Held until the migration transaction ends: several silos starting at once on an empty database queue
    /// here, and each one after the first finds the schema current. Without it two concurrent
    /// <c>CREATE TABLE IF NOT EXISTS</c> can both miss the table and one fails on the catalog's unique index.
    /// </remarks>
    public override string SchemaLockStatement => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    /// <inheritdoc />
    public override string CreateSchemaVersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (" +
        "version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)";

    /// <summary>
    /// Appends every entry of a write in one statement from three parallel arrays <c>@seqs</c> (bigint[]),
    /// <c>@dedupes</c> (text[], null elements for entries without a key) and <c>@payloads</c> (text[]).
    /// Entries whose seq or dedupe key is taken, by an earlier row or by another entry of the same array,
    /// are skipped, so fewer affected rows than entries means a conflict.
    /// </summary>
    public string InsertLogBatch =>
        "INSERT INTO grain_log (grain_type, grain_key, seq, dedupe_key, payload, deleted, created_at) " +
        "SELECT @type, @key, e.seq, e.dedupe, e.payload, FALSE, @now " +
        "FROM unnest(@seqs, @dedupes, @payloads) AS e (seq, dedupe, payload) " +
        "ON CONFLICT DO NOTHING";

    /// <summary>Marks every entry whose seq is in <c>@seqs</c> (bigint[]) deleted; unknown seqs change nothing.</summary>
    public string DeleteLogBatch =>
        "UPDATE grain_log SET deleted = TRUE " +
        "WHERE grain_type = @type AND grain_key = @key AND seq = ANY (@seqs) AND deleted = FALSE";

    /// <inheritdoc />
    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "grain state and grain logs",
        [
            // fillfactor 90: state rows are rewritten on every write, and the free space lets PostgreSQL update
            // them in place (HOT) because no indexed column changes.
            """
            CREATE TABLE grain_state (
                grain_type text COLLATE "C" NOT NULL,
                grain_key text COLLATE "C" NOT NULL,
                json text NOT NULL,
                version bigint NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key))
                WITH (fillfactor = 90)
            """,
            """
            CREATE TABLE grain_log (
                grain_type text COLLATE "C" NOT NULL,
                grain_key text COLLATE "C" NOT NULL,
                seq bigint NOT NULL,
                dedupe_key text COLLATE "C" NULL,
                payload text NOT NULL,
                deleted boolean NOT NULL DEFAULT FALSE,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key, seq))
            """,
            // Partial: entries without a dedupe key are many and need no uniqueness check.
            """
            CREATE UNIQUE INDEX ux_grain_log_dedupe_key
                ON grain_log (grain_type, grain_key, dedupe_key) WHERE dedupe_key IS NOT NULL
            """,
        ]),
        PostgresOrleansSchema.GrainStorage(2),
        PostgresOrleansClustering.Membership(3),
    ];
}
