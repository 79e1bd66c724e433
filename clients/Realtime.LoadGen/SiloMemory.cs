namespace Realtime.LoadGen;

/// <summary>The silo's resident memory and its peak, MiB; null when the silo's pid is not known.</summary>
internal sealed record SiloMemory(double? RssMiB, double? PeakRssMiB)
{
    public static SiloMemory Read(int? siloPid) =>
        siloPid is { } pid ? new(ProcessStats.RssMiB(pid), ProcessStats.PeakRssMiB(pid)) : new(null, null);
}
