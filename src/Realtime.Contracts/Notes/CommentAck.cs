using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>Acknowledges a durable comment (and the notifications it causes).</summary>
/// <param name="Masked">Contact details or blocked terms were replaced by <c>***</c> before anyone saw the comment.</param>
/// <param name="Held">A term sends the comment to review: nobody but its writer has it until a moderator approves it (it then goes out under a new seq).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CommentAck")]
public sealed record CommentAck(string CommentId, long Seq, bool Duplicate, bool Masked = false, bool Held = false);
