using Orleans.Runtime;

namespace Realtime.Grains.Events;

/// <summary>
/// The relays a grain activation sends its topics to, one per subscribed silo, each with the
/// topics it asked for and when each subscription lapses. A batch becomes one call per relay
/// holding only that silo's topics.
/// </summary>
internal sealed class RelaySet
{
    /// <summary>A subscription not renewed for this long is dropped (the hosting renews far more often).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly Dictionary<SiloAddress, Subscriber> _subscribers = [];

    // Batches sent to each silo's relay so far, kept across re-subscriptions: a relay orders batches by number.
    private readonly Dictionary<SiloAddress, long> _sent = [];
    private readonly string _source = Guid.NewGuid().ToString("N");

    public void Subscribe(string topic, SiloAddress silo, IEventRelay relay)
    {
        if (!_subscribers.TryGetValue(silo, out var subscriber))
        {
            subscriber = new Subscriber(relay) { Sent = _sent.GetValueOrDefault(silo) };
            _subscribers[silo] = subscriber;
        }

        subscriber.Relay = relay;
        subscriber.Topics[topic] = Environment.TickCount64 + (long)Lifetime.TotalMilliseconds;
    }

    public void Unsubscribe(string topic, SiloAddress silo)
    {
        if (_subscribers.TryGetValue(silo, out var subscriber) && subscriber.Topics.Remove(topic) && subscriber.Topics.Count == 0)
        {
            _sent[silo] = subscriber.Sent;
            _subscribers.Remove(silo);
        }
    }

    /// <summary>Drops subscriptions that lapsed and every relay of a silo that is no longer an active member.</summary>
    public void Prune(Func<SiloAddress, bool> isGone)
    {
        var now = Environment.TickCount64;
        List<SiloAddress>? drop = null;
        foreach (var (silo, subscriber) in _subscribers)
        {
            if (isGone(silo))
            {
                _sent.Remove(silo);
                (drop ??= []).Add(silo);
                continue;
            }

            foreach (var topic in subscriber.Topics.Where(t => t.Value < now).Select(t => t.Key).ToList())
            {
                subscriber.Topics.Remove(topic);
            }

            if (subscriber.Topics.Count == 0)
            {
                (drop ??= []).Add(silo);
            }
        }

        foreach (var silo in drop ?? [])
        {
            if (_subscribers.Remove(silo, out var dropped) && !isGone(silo))
            {
                _sent[silo] = dropped.Sent;
            }
        }
    }

    /// <summary>Every topic some silo subscribed to (e.g. to learn which language topics have readers).</summary>
    public IReadOnlyCollection<string> Topics() =>
        _subscribers.Values.SelectMany(s => s.Topics.Keys).ToHashSet(StringComparer.Ordinal);

    /// <summary>Sends each relay the events of its topics, in order, as one batch.</summary>
    public void Send(IReadOnlyList<GrainEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var subscriber in _subscribers.Values)
        {
            var wanted = events.All(e => subscriber.Topics.ContainsKey(e.Topic))
                ? events
                : events.Where(e => subscriber.Topics.ContainsKey(e.Topic)).ToList();
            if (wanted.Count > 0)
            {
                // One-way: the call returns at once and a dead relay is dropped by Prune, not by waiting.
                _ = subscriber.Relay.DeliverAsync(new EventBatch(_source, ++subscriber.Sent, wanted));
                RelayCounters.CountSent();
            }
        }
    }

    private sealed class Subscriber(IEventRelay relay)
    {
        public IEventRelay Relay { get; set; } = relay;

        /// <summary>Topic -> when it lapses (Environment.TickCount64).</summary>
        public Dictionary<string, long> Topics { get; } = new(StringComparer.Ordinal);

        public long Sent { get; set; }
    }
}
