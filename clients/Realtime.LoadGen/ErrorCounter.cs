using System.Collections.Concurrent;

namespace Realtime.LoadGen;

/// <summary>Counts failures by kind (<c>connect</c>, <c>send:rate_limited</c>, <c>dropped</c>, ...), from any thread.</summary>
internal sealed class ErrorCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(string kind)
    {
        _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    /// <summary>Counts <paramref name="exception"/> under <paramref name="operation"/>: the hub's error code, else the exception's type.</summary>
    public void Add(string operation, Exception exception) => Add(operation + ":" + Describe(exception));

    public SortedDictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);

    private static string Describe(Exception exception) => exception switch
    {
        Realtime.Client.RealtimeHubException hub => hub.Code,
        Realtime.Client.RealtimeApiException api => api.Code ?? ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => exception.GetType().Name,
    };
}
