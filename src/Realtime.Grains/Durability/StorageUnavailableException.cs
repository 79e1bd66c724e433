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

    /// <param name="message">What failed.</param>
    /// <param name="inner">What storage threw. Only its type and message are kept, in the message: the
    /// exception travels back to a caller that may be on another silo, and database drivers' exceptions
    /// (NpgsqlException ...) have no Orleans codec, which turned the whole answer into a codec error.</param>
    public StorageUnavailableException(string message, Exception? inner = null)
        : base(inner is null ? message : $"{message} ({inner.GetBaseException().GetType().Name}: {inner.GetBaseException().Message})")
    {
    }
}
