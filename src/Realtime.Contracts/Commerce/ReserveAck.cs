using Orleans;

namespace Realtime.Contracts.Commerce;

/// <summary>Answers a durable reservation.</summary>
/// <param name="OrderId">The order; the same for a retry of the same <c>clientOrderId</c>.</param>
/// <param name="Remaining">Units left after this order (as of when it was taken).</param>
/// <param name="Duplicate">The <c>clientOrderId</c> had been seen: the original order is returned.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReserveAck")]
public sealed record ReserveAck(string OrderId, int Remaining, bool Duplicate);
