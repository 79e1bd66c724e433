using System.Collections.Concurrent;

namespace Realtime.Translation.Caching;

/// <summary>
/// This silo's cache of translations by key. Bounded: when full, the oldest half goes (a clock
/// sweep would be finer; chat repeats are short-lived, so recency by insertion is enough).
/// </summary>
public sealed class TranslationMemoryCache(int capacity)
{
    private readonly ConcurrentDictionary<string, TranslatedText> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public bool TryGet(string key, out TranslatedText value) => _entries.TryGetValue(key, out value!);

    public void Set(string key, TranslatedText value)
    {
        if (_entries.TryAdd(key, value))
        {
            _order.Enqueue(key);
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }
    }
}
