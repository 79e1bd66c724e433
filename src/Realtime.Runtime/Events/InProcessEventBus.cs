namespace Realtime.Runtime.Events;

/// <summary>The embedded profile's bus: hands batches straight to this silo's sink.</summary>
public sealed class InProcessEventBus(IEventSink sink) : IEventBus
{
    private readonly Dictionary<string, int> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask PublishAsync(IReadOnlyList<GrainEvent> batch, CancellationToken cancellationToken = default)
    {
        List<GrainEvent>? wanted = null;
        lock (_gate)
        {
            foreach (var e in batch)
            {
                if (_subscriptions.ContainsKey(e.Topic))
                {
                    (wanted ??= new List<GrainEvent>(batch.Count)).Add(e);
                }
            }
        }

        if (wanted is not null)
        {
            sink.Deliver(wanted);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _subscriptions[topic] = _subscriptions.GetValueOrDefault(topic) + 1;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(topic, out var count))
            {
                if (count <= 1)
                {
                    _subscriptions.Remove(topic);
                }
                else
                {
                    _subscriptions[topic] = count - 1;
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
