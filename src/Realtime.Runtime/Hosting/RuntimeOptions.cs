namespace Realtime.Runtime.Hosting;

/// <summary>Grain runtime settings (configuration section <c>Realtime:Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>An activation with no call for this long is deactivated (unless it opts out).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the idle collector looks.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for a grain's answer.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most writes one group commit carries.</summary>
    public int MaxCommitBatch { get; set; } = 512;
}
