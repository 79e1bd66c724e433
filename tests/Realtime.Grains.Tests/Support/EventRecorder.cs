using Realtime.Grains.Events;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// Records events in the order they were passed on, and lets a test await the first event that
/// matches a condition (already recorded or still to come) without polling.
/// </summary>
public sealed class EventRecorder
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<GrainEvent> _events = [];
    private readonly List<Waiter> _waiters = [];

    public IReadOnlyList<GrainEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>How many events were recorded so far; pass it as <c>after</c> to wait only for later ones.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    public void Record(IReadOnlyList<GrainEvent> batch)
    {
        List<(Waiter Waiter, GrainEvent Event)>? matched = null;
        lock (_gate)
        {
            foreach (var e in batch)
            {
                _events.Add(e);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Match(e))
                    {
                        (matched ??= []).Add((_waiters[i], e));
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }

        foreach (var (waiter, e) in matched ?? [])
        {
            waiter.Done.TrySetResult(e);
        }
    }

    /// <summary>The payloads of every recorded event named <paramref name="name"/> that satisfy <paramref name="where"/>, in arrival order.</summary>
    public IReadOnlyList<T> All<T>(string name, Func<T, bool> where) =>
        Events.Where(e => e.Name == name && e.Payload is T p && where(p)).Select(e => (T)e.Payload).ToList();

    /// <summary>
    /// The first event named <paramref name="name"/> whose payload satisfies <paramref name="where"/>,
    /// among those recorded after the first <paramref name="after"/>.
    /// </summary>
    public async Task<T> WaitForAsync<T>(string name, Func<T, bool> where, string what, int after = 0)
    {
        bool Match(GrainEvent e) => e.Name == name && e.Payload is T p && where(p);
        var waiter = new Waiter(Match, new TaskCompletionSource<GrainEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_events.Skip(after).FirstOrDefault(Match) is { } existing)
            {
                return (T)existing.Payload;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return (T)(await waiter.Done.Task.WaitAsync(Timeout)).Payload;
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            var seen = string.Join(", ", Events.Where(e => e.Name == name).TakeLast(10).Select(e => e.Payload));
            throw new TimeoutException($"No '{name}' event with {what} within {Timeout}; last seen: [{seen}]");
        }
    }

    private sealed record Waiter(Func<GrainEvent, bool> Match, TaskCompletionSource<GrainEvent> Done);
}
