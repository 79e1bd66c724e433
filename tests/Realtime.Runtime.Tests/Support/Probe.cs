using System.Collections.Concurrent;

namespace Realtime.Runtime.Tests.Support;

/// <summary>
/// What the test grains tell the test: activations and deactivations per key, how many turns run
/// at once, what ran in which order, and named gates a turn can wait at until the test opens them.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _activations = new();
    private readonly ConcurrentDictionary<string, int> _deactivations = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _reached = new();
    private readonly ConcurrentQueue<string> _log = new();
    private int _running;
    private int _maxRunning;

    public Changes Changes { get; } = new();

    /// <summary>The most turns that were ever inside <see cref="EnterTurn"/> at once.</summary>
    public int MaxConcurrentTurns => Volatile.Read(ref _maxRunning);

    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>When set, the next activation of this key fails in OnActivateAsync.</summary>
    public ConcurrentDictionary<string, Exception> FailActivation { get; } = new();

    public int Activations(string key) => _activations.GetValueOrDefault(key);

    public int Deactivations(string key) => _deactivations.GetValueOrDefault(key);

    /// <summary>Counts an activation of <paramref name="key"/>; returns its number (1 = first).</summary>
    public int Activated(string key)
    {
        var number = _activations.AddOrUpdate(key, 1, (_, n) => n + 1);
        Changes.Notify();
        return number;
    }

    public void Deactivated(string key)
    {
        _deactivations.AddOrUpdate(key, 1, (_, n) => n + 1);
        Changes.Notify();
    }

    public void Record(string entry)
    {
        _log.Enqueue(entry);
        Changes.Notify();
    }

    public int Count(string entry) => _log.Count(e => e == entry);

    /// <summary>Marks a running turn; disposing it marks the turn's end.</summary>
    public IDisposable EnterTurn()
    {
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
        }

        return new Exit(this);
    }

    /// <summary>Called by a turn: announces it reached <paramref name="name"/> and waits until the test opens it.</summary>
    public Task ArriveAt(string name)
    {
        Source(_reached, name).TrySetResult();
        return Source(_gates, name).Task;
    }

    public Task Reached(string name) => Source(_reached, name).Task.Within();

    public void Open(string name) => Source(_gates, name).TrySetResult();

    public void OpenAll()
    {
        foreach (var gate in _gates.Values)
        {
            gate.TrySetResult();
        }
    }

    public Task WaitUntilAsync(Func<Probe, bool> condition, string what) => Changes.WaitUntilAsync(() => condition(this), what);

    private static TaskCompletionSource Source(ConcurrentDictionary<string, TaskCompletionSource> sources, string name) =>
        sources.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Exit(Probe probe) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref probe._running);
            }
        }
    }
}
