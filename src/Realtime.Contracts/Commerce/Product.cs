using Orleans;

namespace Realtime.Contracts.Commerce;

/// <summary>A product a host sells in their room.</summary>
/// <param name="ProductId">Server-assigned, unique within the room.</param>
/// <param name="PriceCents">The price in the currency's minor unit (cents, fen).</param>
/// <param name="Currency">An ISO 4217 code such as <c>CNY</c>, <c>USD</c>, <c>EUR</c>.</param>
/// <param name="Stock">Units put on sale.</param>
/// <param name="Remaining">Units not yet reserved.</param>
/// <param name="ImageUrl">An http(s) picture, or null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.Product")]
public sealed record Product(
    string ProductId,
    string RoomId,
    string Title,
    long PriceCents,
    string Currency,
    int Stock,
    int Remaining,
    string? ImageUrl,
    DateTimeOffset CreatedAt);
