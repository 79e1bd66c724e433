using Orleans;

namespace Realtime.Contracts.Inbox;

/// <summary>What <c>GetInbox</c> returns: items in ascending seq.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.InboxPage")]
public sealed record InboxPage(long Unread, long LastSeq, IReadOnlyList<InboxItem> Items);
