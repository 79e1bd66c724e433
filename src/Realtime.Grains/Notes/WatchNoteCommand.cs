using Orleans;

namespace Realtime.Grains.Notes;

/// <summary>
/// A watcher asks for the thread; <paramref name="UserId"/> is null for anonymous watchers. The
/// silo reports its readers per language with it, so comments are translated for them.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.WatchNoteCommand")]
public sealed record WatchNoteCommand(string? UserId, long? SinceSeq, string? ReaderLanguage, string? SiloId = null, IReadOnlyDictionary<string, int>? Languages = null);
