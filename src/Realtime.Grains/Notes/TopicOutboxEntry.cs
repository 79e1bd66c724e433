using Realtime.Contracts.Hashtags;

namespace Realtime.Grains.Notes;

/// <summary>An update the note owes one of its topics: durable with what caused it, removed once the topic has it.</summary>
/// <param name="Id">The update's number (shared by the entries of one round, one per tag).</param>
/// <param name="Note">The note itself, in the round that adds it to its topics; null in view rounds.</param>
public sealed record TopicOutboxEntry(string Tag, long Id, TopicNote? Note, long Views);
