using Realtime.Contracts.Validation;
using Realtime.Storage;

namespace Realtime.Grains.Common;

/// <summary>
/// The latest entries of a grain's log, kept in memory for snapshots and resumes. Every live entry
/// with seq above <see cref="Floor"/> is here; older ones are read from storage. Only committed
/// entries are ever handed out, so a reader never sees what storage may still refuse.
/// </summary>
/// <typeparam name="T">The entry as clients see it.</typeparam>
internal sealed class LogWindow<T>(Func<T, long> seqOf, int capacity = Limits.ResumeMax)
    where T : class
{
    private readonly List<T> _items = [];

    /// <summary>Every live entry above this seq is in memory.</summary>
    public long Floor { get; private set; }

    /// <summary>The highest seq known durable.</summary>
    public long Committed { get; private set; }

    /// <summary>Fills the window from the log's tail at activation.</summary>
    public void Load(IReadOnlyList<T> tail, long lastSeq)
    {
        _items.Clear();
        _items.AddRange(tail);
        Floor = tail.Count < capacity ? 0 : seqOf(tail[0]) - 1;
        Committed = lastSeq;
    }

    public void Add(T item)
    {
        _items.Add(item);
        if (_items.Count > capacity)
        {
            Floor = seqOf(_items[0]);
            _items.RemoveAt(0);
        }
    }

    public void Remove(long seq) => _items.RemoveAll(i => seqOf(i) == seq);

    public void MarkCommitted(long lastSeq) => Committed = lastSeq;

    /// <summary>The entry with this seq when the window covers it; null when absent or older.</summary>
    public T? Find(long seq) => seq > Floor ? _items.Find(i => seqOf(i) == seq) : null;

    /// <summary>Every entry in the window, committed or not, ascending.</summary>
    public IReadOnlyList<T> LatestAny() => _items;

    /// <summary>True when <paramref name="seq"/> is inside the window.</summary>
    public bool Covers(long seq) => seq > Floor;

    /// <summary>The latest committed entries.</summary>
    public IReadOnlyList<T> Latest(int count) => Durable().TakeLast(count).ToList();

    /// <summary>
    /// Committed entries after <paramref name="sinceSeq"/> (at most <see cref="Limits.ResumeMax"/>),
    /// reading the log when the window does not reach back; <c>Recovered</c> is false when that
    /// cannot be done exactly (then the window's latest entries are returned).
    /// </summary>
    /// <remarks>
    /// The log may not hold the newest committed entries yet (a commit is durable with the grain's
    /// state and reaches the log after it): those are taken from the window, which always has them.
    /// </remarks>
    public async Task<(IReadOnlyList<T> Items, bool Recovered)> SinceAsync(
        long? sinceSeq,
        Func<long, int, Task<IReadOnlyList<LogRecord>>> readAfter,
        Func<string, T> parse)
    {
        if (sinceSeq is null)
        {
            return (Latest(Limits.SnapshotLatest), true);
        }

        var since = sinceSeq.Value;
        if (since > Committed)
        {
            // The caller knows seqs this log never had: its history is from another epoch.
            return (Latest(Limits.SnapshotLatest), false);
        }

        if (since >= Floor)
        {
            return (Durable().Where(i => seqOf(i) > since).ToList(), true);
        }

        var records = await readAfter(since, Limits.ResumeMax + 1);
        var items = records.Select(r => parse(r.Payload)).ToList();
        var last = items.Count > 0 ? seqOf(items[^1]) : since;
        items.AddRange(Durable().Where(i => seqOf(i) > last));
        return items.Count <= Limits.ResumeMax ? (items, true) : (Latest(Limits.ResumeMax), false);
    }

    private IEnumerable<T> Durable() => _items.Where(i => seqOf(i) <= Committed);
}
