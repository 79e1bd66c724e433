using System.Collections.Concurrent;

namespace Realtime.Hosting.Presence;

/// <summary>
/// Which local connections watch which topics (a topic is also the SignalR group its events go
/// to). A room's count is what this silo reports to the room grain, which sums all silos.
/// </summary>
public sealed class TopicPresence
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _topics = new(StringComparer.Ordinal);

    // Bumped by every change, starting from the wall clock so a restarted silo's reports are newer.
    private long _version = DateTime.UtcNow.Ticks;

    /// <summary>Local watchers of <paramref name="topic"/>.</summary>
    public int Count(string topic)
    {
        if (!_topics.TryGetValue(topic, out var set))
        {
            return 0;
        }

        lock (set)
        {
            return set.Count;
        }
    }

    /// <summary>
    /// The local count of <paramref name="topic"/> with a version: of two observations, the one
    /// with the higher version saw the newer state, so a grain can drop a report that arrives late.
    /// </summary>
    public (int Count, long Version) Observe(string topic)
    {
        if (!_topics.TryGetValue(topic, out var set))
        {
            return (0, Interlocked.Read(ref _version));
        }

        lock (set)
        {
            return (set.Count, Interlocked.Read(ref _version));
        }
    }

    /// <summary>Adds a watcher; returns the new local count and whether it is the topic's first local watcher.</summary>
    public (int Count, bool First) Add(string topic, string connectionId)
    {
        while (true)
        {
            var set = _topics.GetOrAdd(topic, _ => new HashSet<string>(StringComparer.Ordinal));
            lock (set)
            {
                if (!_topics.TryGetValue(topic, out var current) || current != set)
                {
                    continue;
                }

                var first = set.Count == 0;
                if (set.Add(connectionId))
                {
                    Interlocked.Increment(ref _version);
                }

                return (set.Count, first);
            }
        }
    }

    /// <summary>Removes a watcher; returns the new local count and whether the topic has no local watcher left.</summary>
    public (int Count, bool Last) Remove(string topic, string connectionId)
    {
        if (!_topics.TryGetValue(topic, out var set))
        {
            return (0, false);
        }

        lock (set)
        {
            if (!set.Remove(connectionId))
            {
                return (set.Count, false);
            }

            Interlocked.Increment(ref _version);

            if (set.Count == 0)
            {
                _topics.TryRemove(new KeyValuePair<string, HashSet<string>>(topic, set));
                return (0, true);
            }

            return (set.Count, false);
        }
    }

    /// <summary>
    /// Every topic directly under <paramref name="prefix"/> (<c>room/r1</c>, not <c>room/r1/lang/es</c>)
    /// that has local watchers, and its count.
    /// </summary>
    public IReadOnlyList<(string Topic, int Count)> Snapshot(string prefix) =>
        _topics.Keys
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && t.IndexOf('/', prefix.Length) < 0)
            .Select(t => (t, Count(t)))
            .Where(x => x.Item2 > 0)
            .ToList();
}
