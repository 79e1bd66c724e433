namespace Realtime.Contracts.Notes;

/// <summary>Acknowledges a durable comment (and the notifications it causes).</summary>
public sealed record CommentAck(string CommentId, long Seq, bool Duplicate);
