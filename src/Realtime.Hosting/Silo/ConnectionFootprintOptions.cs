namespace Realtime.Hosting.Silo;

/// <summary>
/// How the silo gives back memory it no longer needs once connections sit idle (section
/// <c>Realtime:ConnectionFootprint</c>). A burst of connects and joins makes the GC grow its
/// committed heap far past the live objects, and an idle silo allocates too little to ever run
/// the collection that would shrink it again.
/// </summary>
public sealed class ConnectionFootprintOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Realtime:ConnectionFootprint";

    /// <summary>Whether an idle silo compacts its heap and returns the unused part to the OS.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the silo checks whether it is idle.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The silo counts as idle when it allocated fewer bytes than this during the last check
    /// interval. Keep-alive pings of 10,000 idle connections stay well below the default; any
    /// chat traffic worth the name goes above it.
    /// </summary>
    public long IdleAllocationBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Memory the GC holds beyond its live heap that is worth a trim (committed minus heap size).</summary>
    public long MinimumSlackBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// The least time between two trims. A trim is a blocking full collection, so this bounds
    /// how often idle connections can see its pause.
    /// </summary>
    public TimeSpan MinimumTrimInterval { get; set; } = TimeSpan.FromMinutes(1);
}
