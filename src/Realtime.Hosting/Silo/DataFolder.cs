using Microsoft.Extensions.Configuration;

namespace Realtime.Hosting.Silo;

/// <summary>Where the silo keeps its files (<c>Realtime:DataPath</c>).</summary>
public static class DataFolder
{
    /// <summary>The configured folder, else the user's local application data folder; created if missing.</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var path = configuration["Realtime:DataPath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Realtime");
        }

        Directory.CreateDirectory(path);
        return path;
    }
}
