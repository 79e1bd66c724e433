using System.Collections.Concurrent;

namespace Realtime.Translation;

/// <summary>What translation costs, per provider: requests, (text, target) pairs and characters sent; cache hits.</summary>
public sealed class TranslationMetrics
{
    private readonly ConcurrentDictionary<string, long[]> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Source, string Target), byte> _unsupported = new();
    private long _memoryHits;
    private long _storageHits;
    private long _misses;
    private long _skipped;

    public long MemoryHits => Interlocked.Read(ref _memoryHits);

    public long StorageHits => Interlocked.Read(ref _storageHits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Provider -> [requests, pairs, characters, failures].</summary>
    public IReadOnlyDictionary<string, long[]> Providers => _providers.ToDictionary(p => p.Key, p => p.Value.ToArray());

    /// <summary>Language pairs no provider translates.</summary>
    public IReadOnlyCollection<(string Source, string Target)> Unsupported => [.. _unsupported.Keys];

    public void MemoryHit() => Interlocked.Increment(ref _memoryHits);

    public void StorageHit() => Interlocked.Increment(ref _storageHits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void Skip() => Interlocked.Increment(ref _skipped);

    /// <summary>Records one provider call; returns true the first time a pair is found unsupported.</summary>
    public bool UnsupportedPair(string source, string target) => _unsupported.TryAdd((source, target), 0);

    public void ProviderCall(string provider, int pairs, long characters, bool failed)
    {
        var counters = _providers.GetOrAdd(provider, _ => new long[4]);
        Interlocked.Increment(ref counters[0]);
        Interlocked.Add(ref counters[1], pairs);
        Interlocked.Add(ref counters[2], characters);
        if (failed)
        {
            Interlocked.Increment(ref counters[3]);
        }
    }
}
