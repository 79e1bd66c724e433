namespace Realtime.Contracts.Inbox;

/// <summary>The <c>inboxUnread</c> event, and what <c>MarkInboxRead</c> returns.</summary>
public sealed record InboxUnread(long Unread);
