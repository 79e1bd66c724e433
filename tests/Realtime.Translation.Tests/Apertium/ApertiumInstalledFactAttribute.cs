namespace Realtime.Translation.Tests.Apertium;

/// <summary>A test that needs the local apertium command and the eng-spa pair (Debian: apertium, apertium-eng-spa).</summary>
public sealed class ApertiumInstalledFactAttribute : FactAttribute
{
    public ApertiumInstalledFactAttribute()
    {
        if (ApertiumInstallation.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that needs apertium-apy as well as the eng-spa pair.</summary>
public sealed class ApyInstalledFactAttribute : FactAttribute
{
    public ApyInstalledFactAttribute()
    {
        if (ApertiumInstallation.MissingReason is { } reason)
        {
            Skip = reason;
        }
        else if (ApertiumInstallation.Find("apertium-apy") is null)
        {
            Skip = "apertium-apy is not installed (Debian package apertium-apy); the APY backend cannot be checked";
        }
    }
}

/// <summary>What of Apertium is installed on this machine.</summary>
internal static class ApertiumInstallation
{
    public const string ModesDirectory = "/usr/share/apertium/modes";

    public static string? MissingReason =>
        Find("apertium") is null ? "the apertium command is not installed (Debian package apertium)"
        : !File.Exists(Path.Combine(ModesDirectory, "eng-spa.mode")) || !File.Exists(Path.Combine(ModesDirectory, "spa-eng.mode"))
            ? $"the eng-spa pair is not installed in {ModesDirectory} (Debian package apertium-eng-spa)"
            : null;

    public static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
