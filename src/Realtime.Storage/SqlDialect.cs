namespace Realtime.Storage;

/// <summary>
/// What one database needs that another spells differently, for <see cref="AdoNetGrainStorage"/>:
/// the schema's DDL, how concurrent schema upgrades wait for each other, and statement text.
/// </summary>
/// <remarks>
/// The default statements are plain SQL that both SQLite and PostgreSQL accept (<c>ON CONFLICT DO NOTHING</c>,
/// <c>LIMIT</c>, <c>TRUE</c>/<c>FALSE</c>), so a dialect usually supplies only its migrations. Statements bind
/// the parameters <c>@type</c>, <c>@key</c>, <c>@json</c>, <c>@version</c>, <c>@expected</c>, <c>@seq</c>,
/// <c>@dedupe</c>, <c>@payload</c>, <c>@after</c>, <c>@limit</c>, <c>@description</c> and <c>@now</c>.
/// </remarks>
public abstract class SqlDialect
{
    /// <summary>Provider name used in logs: "sqlite" or "postgres".</summary>
    public abstract string Name { get; }

    /// <summary>Schema migrations in ascending, gap-free version order starting at 1.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Creates the <c>schema_version</c> table (version, description, applied_at) when it is missing.</summary>
    public abstract string CreateSchemaVersionTable { get; }

    /// <summary>
    /// Run first inside the migration transaction so that concurrent migrators queue (PostgreSQL: an advisory
    /// transaction lock). Null when opening the transaction already excludes other writers (SQLite's
    /// <c>BEGIN IMMEDIATE</c>).
    /// </summary>
    public virtual string? SchemaLockStatement => null;

    /// <summary>The highest applied schema version, 0 for a new database.</summary>
    public virtual string SelectSchemaVersion => "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    /// <summary>Records an applied migration.</summary>
    public virtual string InsertSchemaVersion =>
        "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @now)";

    /// <summary>The state row of one grain: json, version.</summary>
    public virtual string SelectState =>
        "SELECT json, version FROM grain_state WHERE grain_type = @type AND grain_key = @key";

    /// <summary>Inserts a first state row; affects no row when the grain already has one.</summary>
    public virtual string InsertState =>
        "INSERT INTO grain_state (grain_type, grain_key, json, version, updated_at) " +
        "VALUES (@type, @key, @json, @version, @now) ON CONFLICT DO NOTHING";

    /// <summary>Replaces a state row only while it is still at <c>@expected</c>; affects no row otherwise.</summary>
    public virtual string UpdateState =>
        "UPDATE grain_state SET json = @json, version = @version, updated_at = @now " +
        "WHERE grain_type = @type AND grain_key = @key AND version = @expected";

    /// <summary>Appends one log entry; affects no row when its seq or dedupe key is taken, even by a deleted entry.</summary>
    public virtual string InsertLog =>
        "INSERT INTO grain_log (grain_type, grain_key, seq, dedupe_key, payload, deleted, created_at) " +
        "VALUES (@type, @key, @seq, @dedupe, @payload, FALSE, @now) ON CONFLICT DO NOTHING";

    /// <summary>Marks one log entry deleted; the row stays so its seq and dedupe key are never reused.</summary>
    public virtual string DeleteLog =>
        "UPDATE grain_log SET deleted = TRUE WHERE grain_type = @type AND grain_key = @key AND seq = @seq";

    /// <summary>Live entries after <c>@after</c>, ascending, at most <c>@limit</c>: seq, dedupe_key, payload.</summary>
    public virtual string SelectLogAfter =>
        "SELECT seq, dedupe_key, payload FROM grain_log " +
        "WHERE grain_type = @type AND grain_key = @key AND seq > @after AND deleted = FALSE " +
        "ORDER BY seq LIMIT @limit";

    /// <summary>The latest <c>@limit</c> live entries, ascending: seq, dedupe_key, payload.</summary>
    public virtual string SelectLogTail =>
        "SELECT seq, dedupe_key, payload FROM (" +
        "SELECT seq, dedupe_key, payload FROM grain_log " +
        "WHERE grain_type = @type AND grain_key = @key AND deleted = FALSE " +
        "ORDER BY seq DESC LIMIT @limit) AS tail ORDER BY seq";

    /// <summary>The entry with dedupe key <c>@dedupe</c>, deleted or not: seq, dedupe_key, payload.</summary>
    public virtual string SelectLogByDedupeKey =>
        "SELECT seq, dedupe_key, payload FROM grain_log " +
        "WHERE grain_type = @type AND grain_key = @key AND dedupe_key = @dedupe";
}
