using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Realtime.Storage;

/// <summary>
/// Where grain state lives, bound from the configuration section <see cref="SectionName"/>
/// (<c>Realtime:Storage:Provider</c>, <c>Realtime:Storage:ConnectionString</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Realtime:Storage";

    /// <summary>
    /// Configuration key of the silo's data folder. The default SQLite database is <c>realtime.db</c> in it;
    /// unset means <see cref="DefaultDataPath"/>.
    /// </summary>
    public const string DataPathKey = "Realtime:DataPath";

    /// <summary><see cref="StorageProviders.Sqlite"/> (also when empty) or <see cref="StorageProviders.Postgres"/>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// The provider's connection string. Empty for SQLite means <c>Data Source={DataPath}/realtime.db</c>;
    /// PostgreSQL requires one.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The settings as the silo will use them: bound from <paramref name="configuration"/>, with the
    /// provider defaulting to SQLite and SQLite's file to <c>realtime.db</c> in the data folder.
    /// </summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<StorageOptions>() ?? new StorageOptions();
        ApplyDefaults(options, configuration);
        return options;
    }

    /// <summary>Fills in the provider and, for SQLite, the connection string when they are not configured.</summary>
    internal static void ApplyDefaults(StorageOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            options.Provider = StorageProviders.Sqlite;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var dataPath = configuration[DataPathKey];
            options.ConnectionString = DefaultSqliteConnectionString(string.IsNullOrWhiteSpace(dataPath) ? DefaultDataPath : dataPath);
        }
    }

    /// <summary>The data folder used when <see cref="DataPathKey"/> is not configured: the user's local application data.</summary>
    public static string DefaultDataPath
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Realtime");

    /// <summary>The connection string of the default SQLite database in <paramref name="dataPath"/>.</summary>
    public static string DefaultSqliteConnectionString(string dataPath)
        => new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "realtime.db") }.ToString();
}
