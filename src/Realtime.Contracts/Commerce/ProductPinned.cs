using Orleans;

namespace Realtime.Contracts.Commerce;

/// <summary>The <c>productPinned</c> event: the product on the room's stage, or null when none.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ProductPinned")]
public sealed record ProductPinned(string RoomId, Product? Product);
