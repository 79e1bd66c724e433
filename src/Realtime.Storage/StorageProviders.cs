namespace Realtime.Storage;

/// <summary>The values <see cref="StorageOptions.Provider"/> accepts (case-insensitive).</summary>
public static class StorageProviders
{
    /// <summary>One SQLite file on the silo's disk: the embedded profile.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>A PostgreSQL database shared by every silo of a cluster.</summary>
    public const string Postgres = "postgres";

    /// <summary>True when <paramref name="provider"/> names a known provider.</summary>
    public static bool IsKnown(string? provider)
        => string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase)
           || string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
