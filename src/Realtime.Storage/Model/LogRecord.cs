namespace Realtime.Storage;

/// <summary>
/// One entry of a grain's append-only log (a room's chat history, a note's comments).
/// </summary>
/// <param name="Seq">Position in the grain's log; unique per grain and strictly increasing.</param>
/// <param name="DedupeKey">Optional key (e.g. user + clientMessageId) unique within the grain's log.</param>
/// <param name="Payload">The entry as JSON.</param>
public sealed record LogRecord(long Seq, string? DedupeKey, string Payload);
