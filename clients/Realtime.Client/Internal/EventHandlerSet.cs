namespace Realtime.Client.Internal;

/// <summary>
/// The handlers of one event name. Copy on write: the receive and event loops read the current
/// array without a lock; registration is rare.
/// </summary>
internal sealed class EventHandlerSet
{
    private readonly Lock _sync = new();
    private EventSubscription[] _subscriptions = [];

    public EventHandlerSet(string eventName) => EventName = eventName;

    public string EventName { get; }

    public EventSubscription[] Current => Volatile.Read(ref _subscriptions);

    public void Add(EventSubscription subscription)
    {
        lock (_sync)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
    }

    public void Remove(EventSubscription subscription)
    {
        lock (_sync)
        {
            var index = Array.IndexOf(_subscriptions, subscription);
            if (index < 0)
            {
                return;
            }

            var remaining = new EventSubscription[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, remaining, 0, index);
            Array.Copy(_subscriptions, index + 1, remaining, index, remaining.Length - index);
            _subscriptions = remaining;
        }
    }
}
