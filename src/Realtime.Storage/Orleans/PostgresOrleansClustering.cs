namespace Realtime.Storage.Orleans;

/// <summary>
/// PostgreSQL's membership tables and statements for the Orleans ADO.NET clustering provider
/// (Microsoft.Orleans.Clustering.AdoNet, invariant <see cref="OrleansStorageNames.PostgresInvariant"/>).
/// </summary>
/// <remarks>
/// <para>
/// Orleans' membership protocol keeps one version row per cluster (<c>DeploymentId</c> is the cluster id) and one
/// row per silo incarnation (address, port, generation). Inserting or updating a silo row is conditional on the
/// table version the silo last read: the version row moves one up and the silo row changes in the same statement,
/// or neither happens and the statement returns 0, after which Orleans reads the table again and retries.
/// </para>
/// <para>
/// The conditional statements are data-modifying CTEs: the silo row changes only for a version row the first CTE
/// actually moved, and a statement is atomic, so no stored function or explicit transaction is needed. A
/// concurrent writer of the same version row waits for the first one and then finds the version moved on.
/// </para>
/// <para>
/// Results are read by name (<c>Address</c>, <c>Port</c>, <c>Generation</c>, <c>SiloName</c>, <c>HostName</c>,
/// <c>Status</c>, <c>ProxyPort</c>, <c>SuspectTimes</c>, <c>StartTime</c>, <c>IAmAliveTime</c>, <c>Version</c>);
/// the conditional statements return a single 0/1 column. Times are <c>timestamptz</c>: Orleans passes UTC.
/// </para>
/// </remarks>
internal static class PostgresOrleansClustering
{
    // SiloStatus.Active in Orleans.Runtime.
    private const int ActiveStatus = 3;

    private const string SiloRow =
        "m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation";

    // Both reads return the version row even when no silo row matches (then the silo columns are NULL), because
    // Orleans takes the table version from the first row.
    private const string ReadMembership = """
        SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
            m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
        FROM OrleansMembershipVersionTable v
        LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
        """;

    /// <summary>The migration that adds the membership tables and the clustering statements.</summary>
    public static Migration Membership(int version) => new(version, "Orleans cluster membership",
    [
        """
        CREATE TABLE OrleansMembershipVersionTable (
            DeploymentId text COLLATE "C" NOT NULL PRIMARY KEY,
            ChangedAt timestamptz NOT NULL DEFAULT now(),
            Version integer NOT NULL DEFAULT 0)
        """,
        // Deleting a cluster's version row takes its silo rows with it.
        """
        CREATE TABLE OrleansMembershipTable (
            DeploymentId text COLLATE "C" NOT NULL
                REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
            Address varchar(45) NOT NULL,
            Port integer NOT NULL,
            Generation integer NOT NULL,
            SiloName text NOT NULL,
            HostName text NOT NULL,
            Status integer NOT NULL,
            ProxyPort integer NOT NULL,
            SuspectTimes text NULL,
            StartTime timestamptz NOT NULL,
            IAmAliveTime timestamptz NOT NULL,
            PRIMARY KEY (DeploymentId, Address, Port, Generation))
        """,
        // Returns 1 when this call created the cluster's version row, 0 when it existed.
        OrleansQueryTable.Insert("InsertMembershipVersionKey", """
            WITH created AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*)::integer FROM created
            """),
        OrleansQueryTable.Insert("InsertMembershipKey", $"""
            WITH moved AS (
                UPDATE OrleansMembershipVersionTable
                SET Version = Version + 1, ChangedAt = now()
                WHERE DeploymentId = @DeploymentId AND Version = @Version
                    AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable m WHERE {SiloRow})
                RETURNING DeploymentId),
            inserted AS (
                INSERT INTO OrleansMembershipTable (
                    DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
                    StartTime, IAmAliveTime)
                SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
                    @StartTime, @IAmAliveTime
                FROM moved
                RETURNING 1)
            SELECT count(*)::integer FROM inserted
            """),
        OrleansQueryTable.Insert("UpdateMembershipKey", $"""
            WITH moved AS (
                UPDATE OrleansMembershipVersionTable
                SET Version = Version + 1, ChangedAt = now()
                WHERE DeploymentId = @DeploymentId AND Version = @Version
                    AND EXISTS (SELECT 1 FROM OrleansMembershipTable m WHERE {SiloRow})
                RETURNING DeploymentId),
            updated AS (
                UPDATE OrleansMembershipTable m
                SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
                FROM moved
                WHERE {SiloRow}
                RETURNING 1)
            SELECT count(*)::integer FROM updated
            """),
        // Heartbeats change no version: they are not membership changes.
        OrleansQueryTable.Insert("UpdateIAmAlivetimeKey", $"""
            UPDATE OrleansMembershipTable m SET IAmAliveTime = @IAmAliveTime WHERE {SiloRow}
            """),
        OrleansQueryTable.Insert("MembershipReadRowKey", $"""
            {ReadMembership}
                AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId
            """),
        OrleansQueryTable.Insert("MembershipReadAllKey", $"""
            {ReadMembership}
            WHERE v.DeploymentId = @DeploymentId
            """),
        OrleansQueryTable.Insert("GatewaysQueryKey", """
            SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
            """),
        OrleansQueryTable.Insert("DeleteMembershipTableEntriesKey", """
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
            """),
        // Rows of silos that stopped heart-beating before @IAmAliveTime and are not active.
        OrleansQueryTable.Insert("CleanupDefunctSiloEntriesKey", $"""
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> {ActiveStatus}
            """),
    ]);
}
