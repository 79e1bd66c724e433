using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>The answer of <c>MarkConversationRead</c>.</summary>
/// <param name="Unread">What is still unread in this conversation.</param>
/// <param name="Total">Unread over all of the caller's conversations.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ConversationRead")]
public sealed record ConversationRead(string ConversationId, long ReadUpTo, long Unread, long Total);
