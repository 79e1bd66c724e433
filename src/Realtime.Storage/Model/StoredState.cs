
namespace Realtime.Storage;

/// <summary>A grain's persisted state row: JSON and the version (ETag) that fences writes.</summary>
public sealed record StoredState(StorageKey Id, string Json, long Version);
