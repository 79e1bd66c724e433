using Orleans;

namespace Realtime.Contracts.Rooms;

/// <summary>Acknowledges a durable chat line. <paramref name="Duplicate"/> is true when the
/// <c>clientMessageId</c> had been seen and the original line's seq is returned.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ChatAck")]
public sealed record ChatAck(long Seq, string MessageId, bool Duplicate);
