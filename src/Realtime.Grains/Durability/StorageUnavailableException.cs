using Orleans;

namespace Realtime.Grains.Durability;

/// <summary>Storage did not take a write (the database is down or unreachable). Nothing was acknowledged; the caller may retry.</summary>
[GenerateSerializer]
[Alias("realtime.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("storage is unavailable")
    {
    }

    public StorageUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
