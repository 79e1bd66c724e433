namespace Realtime.Grains.Direct;

/// <summary>An update the conversation owes a mailbox: durable with the change, removed once delivered.</summary>
public sealed record ConversationOutboxEntry(long Id, MailboxUpdate Update);
