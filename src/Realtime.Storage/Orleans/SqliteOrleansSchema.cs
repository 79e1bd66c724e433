namespace Realtime.Storage.Orleans;

/// <summary>
/// SQLite's tables and statements for the Orleans ADO.NET grain storage provider
/// (Microsoft.Orleans.Persistence.AdoNet, invariant <see cref="OrleansStorageNames.SqliteInvariant"/>).
/// </summary>
/// <remarks>
/// <para>
/// A state row is identified by service id, state name (the provider's "grain type") and grain key: the two
/// hashes the provider computes, the key's numeric halves and its string part. A unique index over exactly those
/// makes a second first-write of the same state fail instead of adding a twin row; the string part may be NULL,
/// so the index holds it as <c>COALESCE(x, '')</c> together with <c>x IS NULL</c>.
/// </para>
/// <para>
/// The ETag is <c>Version</c>, an integer starting at 1. A write with the version the grain read moves it one up;
/// a write without one inserts version 1. Either way the statement returns the new version as
/// <c>NewGrainStateVersion</c>, or no row when the row moved on (or already exists), which the provider reports
/// as an <c>InconsistentStateException</c>. Clearing keeps the row with a NULL payload and the next version, so a
/// grain that read the cleared row can write again with its ETag.
/// </para>
/// </remarks>
internal static class SqliteOrleansSchema
{
    // Every statement that addresses one state row; @GrainIdExtensionString may be NULL, hence IS.
    private const string StateRow = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString IS @GrainIdExtensionString
        """;

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    /// <summary>The migration that adds the query table and grain storage.</summary>
    public static Migration GrainStorage(int version) => new(version, "Orleans query table and grain storage",
    [
        OrleansQueryTable.Create,
        """
        CREATE TABLE OrleansStorage (
            GrainIdHash INTEGER NOT NULL,
            GrainIdN0 INTEGER NOT NULL,
            GrainIdN1 INTEGER NOT NULL,
            GrainTypeHash INTEGER NOT NULL,
            GrainTypeString TEXT NOT NULL,
            GrainIdExtensionString TEXT NULL,
            ServiceId TEXT NOT NULL,
            PayloadBinary BLOB NULL,
            ModifiedOn TEXT NOT NULL,
            Version INTEGER NOT NULL)
        """,
        """
        CREATE UNIQUE INDEX ux_orleans_storage_state ON OrleansStorage (
            GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString,
            COALESCE(GrainIdExtensionString, ''), GrainIdExtensionString IS NULL)
        """,
        OrleansQueryTable.Insert("ReadFromStorageKey", $"""
            SELECT PayloadBinary, Version FROM OrleansStorage WHERE {StateRow}
            """),
        // Two statements, of which the ETag picks one: the update when the grain holds a version, the insert
        // when it holds none. Each returns the new version only when it changed a row.
        OrleansQueryTable.Insert("WriteToStorageKey", $"""
            UPDATE OrleansStorage
            SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = {Now}
            WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion AND {StateRow}
            RETURNING Version AS NewGrainStateVersion;
            INSERT INTO OrleansStorage (
                GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
                ServiceId, PayloadBinary, ModifiedOn, Version)
            SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
                @ServiceId, @PayloadBinary, {Now}, 1
            WHERE @GrainStateVersion IS NULL
            ON CONFLICT DO NOTHING
            RETURNING Version AS NewGrainStateVersion;
            """),
        OrleansQueryTable.Insert("ClearStorageKey", $"""
            UPDATE OrleansStorage
            SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = {Now}
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
