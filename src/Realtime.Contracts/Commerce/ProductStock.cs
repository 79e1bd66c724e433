using Orleans;

namespace Realtime.Contracts.Commerce;

/// <summary>The <c>productStock</c> event: units left, at most four times a second per product.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ProductStock")]
public sealed record ProductStock(string RoomId, string ProductId, int Remaining);
