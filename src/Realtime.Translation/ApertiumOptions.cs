namespace Realtime.Translation;

/// <summary>Apertium (<c>Translation:Apertium</c>).</summary>
public sealed class ApertiumOptions
{
    /// <summary>An APY base URL; unset = the local <c>apertium</c> command when installed.</summary>
    public string? Url { get; set; }

    /// <summary>The local <c>apertium</c> command.</summary>
    public string Command { get; set; } = "apertium";

    /// <summary>Where the local installation keeps its modes (pairs).</summary>
    public string ModesDirectory { get; set; } = "/usr/share/apertium/modes";
}
