namespace Realtime.LoadGen;

/// <summary>Finds the repository: the nearest folder above us holding <c>Realtime.sln</c>.</summary>
internal static class RepoRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Realtime.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
