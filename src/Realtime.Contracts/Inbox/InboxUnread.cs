using Orleans;

namespace Realtime.Contracts.Inbox;

/// <summary>The <c>inboxUnread</c> event, and what <c>MarkInboxRead</c> returns.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.InboxUnread")]
public sealed record InboxUnread(long Unread);
