namespace Realtime.Contracts.Commerce;

/// <summary>The body of <c>POST /api/rooms/{roomId}/products</c>.</summary>
public sealed record CreateProductRequest(string? Title, long? PriceCents, string? Currency, int? Stock, string? ImageUrl);
