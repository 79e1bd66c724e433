using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Realtime.Client.Internal;
using Realtime.Contracts.Auth;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;

namespace Realtime.Client;

/// <summary>
/// The silo's REST API: development tokens and live rooms. The <see cref="HttpClient"/> must have
/// its <see cref="HttpClient.BaseAddress"/> set to the silo (<c>http://host:port/</c>); the caller owns it.
/// </summary>
public sealed partial class RealtimeRestClient
{
    private readonly HttpClient _http;
    private readonly JsonSerializerOptions _json;

    /// <summary>Creates the client over <paramref name="httpClient"/>.</summary>
    public RealtimeRestClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress pointing at the silo.", nameof(httpClient));
        }

        _http = httpClient;
        _json = RealtimeJsonContext.CreateOptions();
    }

    /// <summary>Gets a development JWT (only when the silo has dev tokens on; 404 otherwise).</summary>
    /// <exception cref="RealtimeApiException">The silo refused.</exception>
    public async Task<string> GetDevTokenAsync(
        string userId,
        string displayName,
        string? language = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(
                HubPaths.DevToken.TrimStart('/'), new DevTokenRequest(userId, displayName, language), _json, cancellationToken)
            .ConfigureAwait(false);
        var body = await ReadAsync<DevTokenResponse>(response, cancellationToken).ConfigureAwait(false);
        return body.Token;
    }

    /// <summary>Creates a live room hosted by the token's user.</summary>
    /// <returns>The new room as the silo answered it (201).</returns>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c>, 401 without a valid token, 409 when the room exists.</exception>
    public async Task<RoomSummary> CreateRoomAsync(
        string roomId,
        string title,
        string accessToken,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, HubPaths.Rooms.TrimStart('/'))
        {
            Content = JsonContent.Create(new CreateRoomRequest(roomId, title), options: _json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<RoomSummary>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a note authored by the token's user.</summary>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c>, 401 without a valid token.</exception>
    public async Task<Note> CreateNoteAsync(
        string title,
        string body,
        string accessToken,
        string? language = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, HubPaths.Notes.TrimStart('/'))
        {
            Content = JsonContent.Create(new CreateNoteRequest(title, body, language), options: _json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<Note>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a note.</summary>
    /// <exception cref="RealtimeApiException">404 when it does not exist.</exception>
    public async Task<Note> GetNoteAsync(string noteId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(HubPaths.Notes.TrimStart('/') + "/" + Uri.EscapeDataString(noteId), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<Note>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists live rooms, most viewers first.</summary>
    /// <param name="limit">At most this many; null uses the silo's default (100).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = HubPaths.Rooms.TrimStart('/');
        if (limit is { } value)
        {
            path += "?limit=" + value.ToString(CultureInfo.InvariantCulture);
        }

        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<List<RoomSummary>>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var body = await response.Content.ReadFromJsonAsync<T>(_json, cancellationToken).ConfigureAwait(false);
        return body ?? throw new JsonException($"The silo answered {(int)response.StatusCode} with an empty body.");
    }

    private static async Task<RealtimeApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? code = null;
        string? detail = string.IsNullOrWhiteSpace(text) ? null : text;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String)
                {
                    code = codeElement.GetString();
                }

                if (document.RootElement.TryGetProperty("detail", out var detailElement) && detailElement.ValueKind == JsonValueKind.String)
                {
                    detail = detailElement.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the body's text is the detail.
        }

        return new RealtimeApiException(response.StatusCode, code, detail);
    }
}
