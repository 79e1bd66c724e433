using Orleans;
using Realtime.Contracts.Direct;
using Realtime.Grains.Events;

namespace Realtime.Grains.Direct;

/// <summary>
/// A user's conversation list (key: userId): the latest message and unread count of each
/// conversation, and the publisher of the user's <c>directMessage</c> and <c>directUnread</c> events.
/// </summary>
[Alias("realtime.IDirectMailboxGrain")]
public interface IDirectMailboxGrain : IEventSourceGrain
{
    /// <summary>Applies conversations' updates in order; returns the unread total afterwards.</summary>
    [Alias("Apply")]
    Task<long> ApplyAsync(IReadOnlyList<MailboxUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>The latest conversations first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ConversationSummary>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
