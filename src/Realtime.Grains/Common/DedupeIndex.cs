using Realtime.Storage;

namespace Realtime.Grains.Common;

/// <summary>
/// Recent dedupe keys of a grain's log and what each one answered, bounded. When keys were
/// evicted (or history was only partly loaded) the index is incomplete and a miss must be
/// checked against storage, where the key is unique.
/// </summary>
internal sealed class DedupeIndex<TAnswer>(int capacity = 10_000)
{
    private readonly Dictionary<string, TAnswer> _answers = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True when every key of the log is in memory, so a miss is a definite miss.</summary>
    public bool Complete { get; set; } = true;

    public bool TryGet(string key, out TAnswer answer) => _answers.TryGetValue(key, out answer!);

    /// <summary>True when a miss for <paramref name="key"/> must be checked against storage (ask it before the turn).</summary>
    public bool NeedsLookup(string key) => !Complete && !_answers.ContainsKey(key);

    /// <summary>
    /// The answer for <paramref name="key"/>: from memory (a turn may have added it since storage
    /// was asked), else from <paramref name="stored"/>, what storage held under the key when asked
    /// beforehand; null when the key is new.
    /// </summary>
    public TAnswer? Resolve(string key, LogRecord? stored, Func<LogRecord, TAnswer> answerOf) =>
        TryGet(key, out var answer) ? answer : stored is null ? default : answerOf(stored);

    public void Remember(string key, TAnswer answer)
    {
        if (_answers.TryAdd(key, answer))
        {
            _order.Enqueue(key);
        }
        else
        {
            _answers[key] = answer;
        }

        if (_order.Count > capacity)
        {
            _answers.Remove(_order.Dequeue());
            Complete = false;
        }
    }
}
