namespace Realtime.Testing;

/// <summary>Finds the repository and the built silo from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Realtime.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The silo's built entry assembly, of the same configuration as the tests.</summary>
    public static string SiloAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(Root, "silos", "Realtime.Silo", "bin", configuration, "net10.0", "Realtime.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the silo first (dotnet build).", path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Realtime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Realtime.sln not found above " + AppContext.BaseDirectory);
    }
}
