using System.Collections.Concurrent;

namespace Realtime.Hosting.Presence;

/// <summary>
/// How many of this silo's watchers of a room or note read each language: what the silo reports
/// so the grain translates into exactly the languages in demand.
/// </summary>
public sealed class ReaderLanguageTracker
{
    private readonly ConcurrentDictionary<string, Dictionary<string, int>> _topics = new(StringComparer.Ordinal);

    /// <summary>Counts one more reader of <paramref name="language"/> on <paramref name="topic"/>.</summary>
    public void Add(string topic, string language)
    {
        var counts = _topics.GetOrAdd(topic, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        lock (counts)
        {
            counts[language] = counts.GetValueOrDefault(language) + 1;
        }
    }

    /// <summary>Counts one reader less.</summary>
    public void Remove(string topic, string language)
    {
        if (!_topics.TryGetValue(topic, out var counts))
        {
            return;
        }

        lock (counts)
        {
            var left = counts.GetValueOrDefault(language) - 1;
            if (left > 0)
            {
                counts[language] = left;
            }
            else
            {
                counts.Remove(language);
            }
        }
    }

    /// <summary>Readers per language of <paramref name="topic"/> on this silo (a copy).</summary>
    public IReadOnlyDictionary<string, int> Counts(string topic)
    {
        if (!_topics.TryGetValue(topic, out var counts))
        {
            return new Dictionary<string, int>();
        }

        lock (counts)
        {
            return new Dictionary<string, int>(counts, StringComparer.Ordinal);
        }
    }
}
