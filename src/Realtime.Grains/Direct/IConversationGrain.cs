using Orleans;
using Realtime.Contracts.Direct;

namespace Realtime.Grains.Direct;

/// <summary>
/// The private conversation of two users (key: <see cref="ConversationIds.For"/>). Only its two
/// participants may read or write it; every call names the caller, checked against the key.
/// </summary>
[Alias("realtime.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Stores a message (once per clientMessageId) and answers once it is durable.</summary>
    [Alias("Send")]
    Task<DirectAck> SendAsync(SendDirectCommand command, CancellationToken cancellationToken = default);

    /// <summary>Messages after <paramref name="sinceSeq"/> (the latest ones when null), ascending, translated for <paramref name="readerLanguage"/> where cached.</summary>
    [Alias("Read")]
    Task<DirectMessagePage> ReadAsync(string userId, long? sinceSeq, int limit, string? readerLanguage, CancellationToken cancellationToken = default);

    /// <summary>Moves <paramref name="userId"/>'s read mark to <paramref name="seq"/> (never back); the answer is also owed to their mailbox.</summary>
    [Alias("MarkRead")]
    Task<MailboxUpdate> MarkReadAsync(string userId, long seq, CancellationToken cancellationToken = default);

    /// <summary>Blocks (or unblocks) the other participant's messages to <paramref name="userId"/>.</summary>
    [Alias("SetBlocked")]
    Task SetBlockedAsync(string userId, bool blocked, CancellationToken cancellationToken = default);

    /// <summary>A message as its participants see it (for a report); null when there is none with this seq or it is held.</summary>
    [Alias("Find")]
    Task<DirectMessage?> FindAsync(long seq, CancellationToken cancellationToken = default);

    /// <summary>A moderator's decision: release a held message (it goes out under a new seq) or remove a message.</summary>
    [Alias("Moderate")]
    Task ModerateAsync(long seq, bool approve, CancellationToken cancellationToken = default);
}
