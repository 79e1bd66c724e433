namespace Realtime.Storage.Orleans;

/// <summary>
/// The table the Orleans ADO.NET providers read their statements from at start, <c>OrleansQuery(QueryKey,
/// QueryText)</c>, and how a migration fills it.
/// </summary>
/// <remarks>
/// The providers select <c>QueryKey, QueryText FROM OrleansQuery</c> without quotes, so PostgreSQL folds the
/// names to lower case: the table and its columns are created unquoted too. A provider binds its parameters by
/// name (<c>@GrainIdHash</c>, <c>@DeploymentId</c> ...) and reads result columns by name, so the statements
/// stored here must keep those names; everything else about them is ours.
/// </remarks>
internal static class OrleansQueryTable
{
    /// <summary>The table, in SQL both SQLite and PostgreSQL accept.</summary>
    public const string Create =
        "CREATE TABLE OrleansQuery (QueryKey varchar(64) NOT NULL PRIMARY KEY, QueryText text NOT NULL)";

    /// <summary>
    /// A statement storing <paramref name="text"/> under <paramref name="key"/>. The text goes in as a SQL string
    /// literal (quotes doubled), so the migrator needs no parameters and the stored text is exactly <paramref name="text"/>.
    /// </summary>
    public static string Insert(string key, string text)
        => $"INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ({Literal(key)}, {Literal(text.Trim())})";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
