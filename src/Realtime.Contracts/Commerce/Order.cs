using Orleans;

namespace Realtime.Contracts.Commerce;

/// <summary>A viewer's reservation of units of a product.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.Order")]
public sealed record Order(
    string OrderId,
    string RoomId,
    string ProductId,
    string UserId,
    string DisplayName,
    int Quantity,
    long PriceCents,
    string Currency,
    DateTimeOffset CreatedAt);
