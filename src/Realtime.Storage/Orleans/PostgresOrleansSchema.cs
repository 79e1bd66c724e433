namespace Realtime.Storage.Orleans;

/// <summary>
/// PostgreSQL's tables and statements for the Orleans ADO.NET grain storage provider
/// (Microsoft.Orleans.Persistence.AdoNet, invariant <see cref="OrleansStorageNames.PostgresInvariant"/>).
/// </summary>
/// <remarks>
/// <para>
/// Names are unquoted, as the providers write them, so PostgreSQL stores them in lower case; Npgsql finds result
/// columns such as <c>PayloadBinary</c> case-insensitively. Each statement is one SQL statement, so it is atomic
/// without an explicit transaction.
/// </para>
/// <para>
/// A state row is identified by service id, state name (the provider's "grain type") and grain key: the two
/// hashes the provider computes, the key's numeric halves and its string part. A unique index over exactly those
/// makes concurrent first writes of one state (two activations after a failure) leave one row: the loser's
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> returns nothing and the provider throws <c>InconsistentStateException</c>.
/// The string part may be NULL, so the index holds it as <c>COALESCE(x, '')</c> together with <c>x IS NULL</c>.
/// </para>
/// <para>
/// The ETag is <c>Version</c>, an integer starting at 1; a write or clear returns the new one as
/// <c>NewGrainStateVersion</c>, or no row when the stored version is not the grain's. Clearing keeps the row with
/// a NULL payload and the next version.
/// </para>
/// </remarks>
internal static class PostgresOrleansSchema
{
    // Every statement that addresses one state row; @GrainIdExtensionString may be NULL.
    private const string StateRow = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        """;

    /// <summary>The migration that adds the query table and grain storage.</summary>
    public static Migration GrainStorage(int version) => new(version, "Orleans query table and grain storage",
    [
        OrleansQueryTable.Create,
        // fillfactor 90: a write rewrites the row without touching an indexed column, so it can stay in its page (HOT).
        """
        CREATE TABLE OrleansStorage (
            GrainIdHash integer NOT NULL,
            GrainIdN0 bigint NOT NULL,
            GrainIdN1 bigint NOT NULL,
            GrainTypeHash integer NOT NULL,
            GrainTypeString text COLLATE "C" NOT NULL,
            GrainIdExtensionString text COLLATE "C" NULL,
            ServiceId text COLLATE "C" NOT NULL,
            PayloadBinary bytea NULL,
            ModifiedOn timestamptz NOT NULL,
            Version integer NOT NULL)
            WITH (fillfactor = 90)
        """,
        """
        CREATE UNIQUE INDEX ux_orleans_storage_state ON OrleansStorage (
            GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString,
            (COALESCE(GrainIdExtensionString, '')), (GrainIdExtensionString IS NULL))
        """,
        OrleansQueryTable.Insert("ReadFromStorageKey", $"""
            SELECT PayloadBinary, Version FROM OrleansStorage WHERE {StateRow}
            """),
        // The ETag picks the branch: with a version the update moves it on, without one the insert creates
        // version 1. Only a branch that changed a row returns one.
        OrleansQueryTable.Insert("WriteToStorageKey", $"""
            WITH updated AS (
                UPDATE OrleansStorage
                SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
                WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion AND {StateRow}
                RETURNING Version),
            inserted AS (
                INSERT INTO OrleansStorage (
                    GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
                    ServiceId, PayloadBinary, ModifiedOn, Version)
                SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
                    @ServiceId, @PayloadBinary, now(), 1
                WHERE @GrainStateVersion IS NULL
                ON CONFLICT DO NOTHING
                RETURNING Version)
            SELECT Version AS NewGrainStateVersion FROM updated
            UNION ALL
            SELECT Version FROM inserted
            """),
        OrleansQueryTable.Insert("ClearStorageKey", $"""
            UPDATE OrleansStorage
            SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
            WHERE Version = @GrainStateVersion AND {StateRow}
            RETURNING Version AS NewGrainStateVersion
            """),
        // For DeleteStateOnClear: the row goes; the provider wants a version other than the grain's back.
        OrleansQueryTable.Insert("DeleteStorageKey", $"""
            DELETE FROM OrleansStorage
            WHERE Version = @GrainStateVersion AND {StateRow}
            RETURNING Version + 1 AS NewGrainStateVersion
            """),
    ]);
}
