using Orleans;

namespace Realtime.Grains.Commerce;

/// <summary>A viewer's reservation; <paramref name="OverRateLimit"/> means the viewer used up its allowance (refused unless it is a retry).</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReserveCommand")]
public sealed record ReserveCommand(string UserId, string DisplayName, string ClientOrderId, int Quantity, bool OverRateLimit = false);
