using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>Acknowledges a durable direct message.</summary>
/// <param name="Duplicate">The <c>clientMessageId</c> had been seen: the original message's seq is returned.</param>
/// <param name="Masked">Contact details or blocked terms were replaced by <c>***</c> before it was stored.</param>
/// <param name="Held">A term sends it to review: nobody receives it until a moderator approves it (the writer has it from this ack).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectAck")]
public sealed record DirectAck(string ConversationId, long Seq, string MessageId, bool Duplicate, bool Masked, bool Held);
