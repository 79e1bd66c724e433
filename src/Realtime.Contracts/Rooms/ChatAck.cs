using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>Acknowledges a durable chat line. <paramref name="Duplicate"/> is true when the
/// <c>clientMessageId</c> had been seen and the original line's seq is returned.</summary>
/// <param name="Masked">Contact details or blocked terms were replaced by <c>***</c> before anyone saw the line.</param>
/// <param name="Held">A term sends the line to review: nobody but its writer has it until a moderator approves it (it then goes out under a new seq).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatAck")]
public sealed record ChatAck(long Seq, string MessageId, bool Duplicate, bool Masked = false, bool Held = false);
