using Orleans;

namespace Realtime.Grains.Commerce;

/// <summary>A validated product from a room's host.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateProductCommand")]
public sealed record CreateProductCommand(string Title, long PriceCents, string Currency, int Stock, string? ImageUrl);
