namespace Realtime.Translation.Tests.OpenCc;

/// <summary>A test that needs libopencc (Debian package libopencc1.1).</summary>
public sealed class OpenCcLibraryInstalledFactAttribute : FactAttribute
{
    public OpenCcLibraryInstalledFactAttribute()
    {
        if (!OpenCcInstallation.HasLibrary)
        {
            Skip = "libopencc.so.1.1 is not installed (Debian package libopencc1.1)";
        }
    }
}

/// <summary>A test that needs the opencc command (Debian package opencc).</summary>
public sealed class OpenCcCommandInstalledFactAttribute : FactAttribute
{
    public OpenCcCommandInstalledFactAttribute()
    {
        if (OpenCcInstallation.Command is null)
        {
            Skip = "the opencc command is not installed (Debian package opencc)";
        }
    }
}

internal static class OpenCcInstallation
{
    public static bool HasLibrary
    {
        get
        {
            if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libopencc.so.1.1", out var handle))
            {
                return false;
            }

            System.Runtime.InteropServices.NativeLibrary.Free(handle);
            return true;
        }
    }

    public static string? Command =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "opencc"))
            .FirstOrDefault(File.Exists);
}
