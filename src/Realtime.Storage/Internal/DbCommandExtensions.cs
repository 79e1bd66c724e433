using System.Data;
using System.Data.Common;

namespace Realtime.Storage.Internal;

/// <summary>Parameter helpers that work the same on every ADO.NET provider.</summary>
internal static class DbCommandExtensions
{
    /// <summary>Adds a parameter and returns it, so a command reused for many rows can rebind its value.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        // An explicit type keeps a prepared statement's parameter types stable when a value is null.
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Adds the write timestamp. Its type is left to the provider so that each picks its native UTC
    /// timestamp (TEXT in SQLite, timestamptz in PostgreSQL) for a UTC <see cref="DateTime"/>.
    /// </summary>
    public static void AddNow(this DbCommand command, DateTime utcNow)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@now";
        parameter.Value = utcNow;
        command.Parameters.Add(parameter);
    }
}
