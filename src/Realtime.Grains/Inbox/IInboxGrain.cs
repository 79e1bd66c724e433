using Realtime.Contracts.Inbox;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Inbox;

/// <summary>A user's inbox (key: userId): durable notifications with a per-inbox seq.</summary>
public interface IInboxGrain : IGrain
{
    /// <summary>Adds a notification once per key; likes and collects of one target coalesce.</summary>
    Task DeliverAsync(InboxDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Items after <paramref name="sinceSeq"/> (the latest <paramref name="limit"/> when null), ascending.</summary>
    Task<InboxPage> GetAsync(long? sinceSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks everything up to <paramref name="upToSeq"/> read; every connection of the user learns the count.</summary>
    Task<InboxUnread> MarkReadAsync(long upToSeq, CancellationToken cancellationToken = default);
}
