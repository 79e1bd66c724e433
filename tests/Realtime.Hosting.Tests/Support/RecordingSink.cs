using Realtime.Contracts.Rooms;
using Realtime.Grains.Events;
using Realtime.Hosting.Events;

namespace Realtime.Hosting.Tests.Support;

/// <summary>The fan-out as the relay sees it: records what it is handed, in order.</summary>
public sealed class RecordingSink : IEventSink
{
    private readonly List<GrainEvent> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public void Deliver(IReadOnlyList<GrainEvent> batch)
    {
        lock (_events)
        {
            _events.AddRange(batch);
        }

        _arrived.Release();
    }

    /// <summary>Waits until <paramref name="count"/> chat lines arrived; returns every line received so far as (seq, text).</summary>
    public async Task<IReadOnlyList<(long Seq, string Text)>> ChatAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var lines = Lines();
            if (lines.Count >= count)
            {
                return lines;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"{lines.Count} of {count} lines arrived: {string.Join(", ", lines)}");
            }
        }
    }

    public IReadOnlyList<(long Seq, string Text)> Lines()
    {
        lock (_events)
        {
            return _events.Select(e => e.Payload).OfType<ChatMessage>().Select(m => (m.Seq, m.Text)).ToList();
        }
    }
}
