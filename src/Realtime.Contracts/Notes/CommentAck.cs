using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>Acknowledges a durable comment (and the notifications it causes).</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CommentAck")]
public sealed record CommentAck(string CommentId, long Seq, bool Duplicate);
