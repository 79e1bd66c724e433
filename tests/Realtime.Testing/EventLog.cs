namespace Realtime.Testing;

/// <summary>Collects events of one kind and lets a test await the one it expects, with a timeout.</summary>
public sealed class EventLog<T>
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    /// <summary>Everything received so far.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToList();
            }
        }
    }

    /// <summary>Records an event (the handler to register with the client).</summary>
    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                waiter.Done.TrySetResult(item);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first event (already received or still to come) that matches.</summary>
    public Task<T> WaitAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        lock (_items)
        {
            var existing = _items.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> events arrived.</summary>
    public async Task<IReadOnlyList<T>> WaitCountAsync(int count, TimeSpan? timeout = null)
    {
        var seen = 0;
        await WaitAsync(_ => ++seen >= count, timeout);
        return Items;
    }
}
