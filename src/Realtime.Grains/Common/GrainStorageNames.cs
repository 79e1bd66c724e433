namespace Realtime.Grains.Common;

/// <summary>Names of the Orleans grain storage providers the grains use.</summary>
public static class GrainStorageNames
{
    /// <summary>The one grain storage of a silo: SQLite embedded, PostgreSQL in a cluster.</summary>
    public const string Default = "realtime";
}
