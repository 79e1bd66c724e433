namespace Realtime.Hosting.Silo;

/// <summary>The ADO.NET invariant names Orleans' providers know our databases by.</summary>
internal static class OrleansInvariants
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    public const string Postgres = "Npgsql";

    /// <summary>SQLite; Orleans resolves it to Microsoft.Data.Sqlite.</summary>
    public const string Sqlite = "System.Data.SQLite";
}
