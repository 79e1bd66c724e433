using Orleans;
using Realtime.Contracts.Commerce;

namespace Realtime.Grains.Commerce;

/// <summary>
/// A reservation's outcome: the order, or (with <paramref name="Ack"/> null) too few units left.
/// In a flash sale most answers are refusals, so they travel as a value rather than as an
/// exception, which would cost far more to raise and carry between silos.
/// </summary>
/// <param name="Remaining">Units left when the request was answered.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReserveResult")]
public sealed record ReserveResult(ReserveAck? Ack, int Remaining, string Title);
