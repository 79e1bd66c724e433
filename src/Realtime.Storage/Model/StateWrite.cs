
namespace Realtime.Storage;

/// <summary>
/// One atomic write of a grain: the new state, the log entries appended since the last write and
/// the log entries deleted since then. Applied in one transaction only if the stored version still
/// equals <paramref name="ExpectedVersion"/> (0 = the state must not exist yet).
/// </summary>
public sealed record StateWrite(
    StorageKey Id,
    string Json,
    long ExpectedVersion,
    IReadOnlyList<LogRecord> Appends,
    IReadOnlyList<long> Deletes);
