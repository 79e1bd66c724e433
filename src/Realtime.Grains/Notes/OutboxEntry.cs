using Realtime.Grains.Inbox;

namespace Realtime.Grains.Notes;

/// <summary>A notification the note owes an inbox: durable with the action that caused it, removed once delivered.</summary>
public sealed record OutboxEntry(long Id, string RecipientId, InboxDelivery Delivery);
