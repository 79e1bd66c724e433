using System.Net.Http.Headers;
using System.Net.Http.Json;
using Realtime.Contracts.Commerce;
using Realtime.Contracts.Hub;

namespace Realtime.Client;

/// <summary>A room's products and orders.</summary>
public sealed partial class RealtimeRestClient
{
    /// <summary>Host only: puts a product on sale in the room.</summary>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c>, 401, 403 for others than the host, 404 unknown room.</exception>
    public async Task<Product> CreateProductAsync(string roomId, CreateProductRequest product, string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RoomPath(roomId) + "/products") { Content = JsonContent.Create(product, options: _json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<Product>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The room's products with their remaining units.</summary>
    public async Task<List<Product>> ListProductsAsync(string roomId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(RoomPath(roomId) + "/products", cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<Product>>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Host only: every order in the room, oldest first.</summary>
    public async Task<List<Order>> ListOrdersAsync(string roomId, string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RoomPath(roomId) + "/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<Order>>(response, cancellationToken).ConfigureAwait(false);
    }

    private static string RoomPath(string roomId) => HubPaths.Rooms.TrimStart('/') + "/" + Uri.EscapeDataString(roomId);
}
