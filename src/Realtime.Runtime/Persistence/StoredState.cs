using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Persistence;

/// <summary>A grain's persisted state row: JSON and the version (ETag) that fences writes.</summary>
public sealed record StoredState(GrainId Id, string Json, long Version);
