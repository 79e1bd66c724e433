namespace Realtime.Grains.Commerce;

/// <summary>A product grain's key names its room, so the product can tell the room about its stock: <c>roomId.productId</c>.</summary>
public static class ProductKeys
{
    public static string For(string roomId, string productId) => roomId + "." + productId;

    public static string RoomOf(string key) => key[..key.IndexOf('.', StringComparison.Ordinal)];

    public static string ProductOf(string key) => key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
