
namespace Realtime.Storage;

/// <summary>
/// Thrown when a write's expected version no longer matches storage: another activation wrote
/// newer state, so this one is stale and must not write again.
/// </summary>
public sealed class StorageConflictException(StorageKey id, long expectedVersion)
    : Exception($"State of {id} is no longer at version {expectedVersion}.")
{
    /// <summary>The grain whose write was refused.</summary>
    public StorageKey StorageKey { get; } = id;

    /// <summary>The version the refused write expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;
}
