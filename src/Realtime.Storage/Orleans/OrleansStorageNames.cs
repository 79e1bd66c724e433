namespace Realtime.Storage.Orleans;

/// <summary>
/// The ADO.NET invariant names the Orleans providers (<c>AddAdoNetGrainStorage</c>, <c>UseAdoNetClustering</c>)
/// take for each <see cref="StorageProviders"/> value, so a silo configures them from <see cref="StorageOptions"/>.
/// </summary>
/// <remarks>
/// The providers resolve an invariant to a <c>DbProviderFactory</c> themselves, by loading a known assembly:
/// <c>"System.Data.SQLite"</c> loads <c>Microsoft.Data.Sqlite</c> and takes <c>SqliteFactory.Instance</c>,
/// <c>"Npgsql"</c> loads <c>Npgsql</c> and takes <c>NpgsqlFactory.Instance</c>. Both assemblies ship with this
/// library, so nothing needs registering in <c>DbProviderFactories</c>. The schema they read (the
/// <c>OrleansQuery</c> table and the tables its statements use) is created by this library's migrations, which
/// must have run before the silo starts its providers. SQLite has grain storage only; clustering on SQLite is
/// not supported (a single silo uses localhost clustering).
/// </remarks>
public static class OrleansStorageNames
{
    /// <summary>The invariant for SQLite; the providers open it with Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The invariant for PostgreSQL (Npgsql).</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The invariant for a <see cref="StorageOptions.Provider"/> value (case-insensitive; empty means SQLite).</summary>
    /// <exception cref="ArgumentException">The provider is not one of <see cref="StorageProviders"/>.</exception>
    public static string InvariantFor(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return SqliteInvariant;
        }

        if (string.Equals(provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return PostgresInvariant;
        }

        throw new ArgumentException(
            $"Unknown storage provider '{provider}'; expected '{StorageProviders.Sqlite}' or '{StorageProviders.Postgres}'.", nameof(provider));
    }

    /// <summary>True when the provider's schema includes Orleans cluster membership (PostgreSQL only).</summary>
    public static bool SupportsClustering(string? provider)
        => string.Equals(provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase);
}
