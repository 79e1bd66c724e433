using Realtime.Storage;

namespace Realtime.Grains.Durability;

/// <summary>
/// What a durable grain stores through Orleans' grain storage: its state, and the log changes
/// committed with it. The state write (fenced by its ETag) is the commit point; the changes are
/// then applied to the log store, and again on the next activation, which is harmless because
/// applying them is idempotent. They are replaced by the next write's changes.
/// </summary>
/// <typeparam name="TState">The grain's own state.</typeparam>
public sealed class DurableState<TState>
    where TState : class, new()
{
    public TState Value { get; set; } = new();

    public List<LogRecord> Appends { get; set; } = [];

    public List<long> Deletes { get; set; } = [];
}
