namespace Realtime.Contracts.Inbox;

/// <summary>What <c>GetInbox</c> returns: items in ascending seq.</summary>
public sealed record InboxPage(long Unread, long LastSeq, IReadOnlyList<InboxItem> Items);
