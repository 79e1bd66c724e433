using Realtime.Grains.Common;

namespace Realtime.Grains.Tests.Support;

/// <summary>A clock that moves only when the test says so.</summary>
public sealed class FakeClock : IClock
{
    private long _ticks = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
