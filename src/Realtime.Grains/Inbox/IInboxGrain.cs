using Realtime.Contracts.Inbox;
using Orleans;
using Realtime.Grains.Events;

namespace Realtime.Grains.Inbox;

/// <summary>A user's inbox (key: userId): durable notifications with a per-inbox seq.</summary>
[Alias("realtime.IInboxGrain")]
public interface IInboxGrain : IEventSourceGrain
{
    /// <summary>Adds a notification once per key; likes and collects of one target coalesce.</summary>
    [Alias("Deliver")]
    Task DeliverAsync(InboxDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Items after <paramref name="sinceSeq"/> (the latest <paramref name="limit"/> when null), ascending.</summary>
    [Alias("Get")]
    Task<InboxPage> GetAsync(long? sinceSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks everything up to <paramref name="upToSeq"/> read; every connection of the user learns the count.</summary>
    [Alias("MarkRead")]
    Task<InboxUnread> MarkReadAsync(long upToSeq, CancellationToken cancellationToken = default);
}
