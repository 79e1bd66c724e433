namespace Realtime.Grains.Notes;

/// <summary>A watcher asks for the thread; <paramref name="UserId"/> is null for anonymous watchers.</summary>
public sealed record WatchNoteCommand(string? UserId, long? SinceSeq, string? ReaderLanguage);
