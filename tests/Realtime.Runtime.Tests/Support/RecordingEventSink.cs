using Realtime.Runtime.Events;

namespace Realtime.Runtime.Tests.Support;

/// <summary>Records every batch the in-process bus delivers.</summary>
public sealed class RecordingEventSink : IEventSink
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<GrainEvent>> _batches = [];

    public Changes Changes { get; } = new();

    public IReadOnlyList<IReadOnlyList<GrainEvent>> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<GrainEvent> Events => [.. Batches.SelectMany(b => b)];

    /// <summary>The payloads of every delivered event, in delivery order.</summary>
    public IReadOnlyList<object> Payloads => [.. Events.Select(e => e.Payload)];

    public void Deliver(IReadOnlyList<GrainEvent> batch)
    {
        lock (_gate)
        {
            _batches.Add([.. batch]);
        }

        Changes.Notify();
    }

    public Task WaitForEventsAsync(int count) =>
        Changes.WaitUntilAsync(() => Events.Count >= count, $"{count} events were delivered");
}
