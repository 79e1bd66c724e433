namespace Realtime.Grains.Common;

/// <summary>The grains' clock; tests swap it to move time without waiting.</summary>
public interface IClock
{
    /// <summary>Now, in UTC.</summary>
    DateTimeOffset UtcNow { get; }
}
