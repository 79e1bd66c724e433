using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>Acknowledges a durable direct message.</summary>
/// <param name="Duplicate">The <c>clientMessageId</c> had been seen: the original message's seq is returned.</param>
/// <param name="Masked">Contact details or blocked terms were replaced by <c>***</c> before it was stored.</param>
/// <param name="Held">A term sends it to review: only its writer has it until a moderator approves it.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectAck")]
public sealed record DirectAck(string ConversationId, long Seq, string MessageId, bool Duplicate, bool Masked, bool Held);
