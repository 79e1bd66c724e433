using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Realtime.Contracts.Moderation;

namespace Realtime.Client;

/// <summary><c>/api/moderation</c>: term lists and the review queue (operators only).</summary>
public sealed partial class RealtimeRestClient
{
    private const string ModerationPath = "api/moderation";

    /// <summary>The blocked-term lists and their version.</summary>
    /// <exception cref="RealtimeApiException">401 without a token, 403 for a non-operator.</exception>
    public Task<ModerationTermList> GetModerationTermsAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendModerationAsync<ModerationTermList>(HttpMethod.Get, ModerationPath + "/terms", null, accessToken, cancellationToken);

    /// <summary>Replaces every term list; returns them with the new version.</summary>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c>, 401, 403.</exception>
    public Task<ModerationTermList> PutModerationTermsAsync(IReadOnlyList<ModerationTerm> terms, string accessToken, CancellationToken cancellationToken = default) =>
        SendModerationAsync<ModerationTermList>(HttpMethod.Put, ModerationPath + "/terms", new ModerationTermList(terms), accessToken, cancellationToken);

    /// <summary>Pending entries (oldest first) or decided ones (latest first), translated into <paramref name="language"/> where possible.</summary>
    public Task<List<ReviewItem>> GetReviewQueueAsync(string accessToken, bool decided = false, string? language = null, CancellationToken cancellationToken = default)
    {
        var path = ModerationPath + "/queue?status=" + (decided ? "decided" : ReviewStatus.Pending);
        if (language is not null)
        {
            path += "&language=" + Uri.EscapeDataString(language);
        }

        return SendModerationAsync<List<ReviewItem>>(HttpMethod.Get, path, null, accessToken, cancellationToken);
    }

    /// <summary>Approves or rejects a pending entry; returns it as decided.</summary>
    /// <exception cref="RealtimeApiException">404 unknown, 409 decided already, 401, 403.</exception>
    public Task<ReviewItem> DecideAsync(string id, bool approve, string accessToken, CancellationToken cancellationToken = default) =>
        SendModerationAsync<ReviewItem>(
            HttpMethod.Post, ModerationPath + "/queue/" + Uri.EscapeDataString(id) + (approve ? "/approve" : "/reject"), null, accessToken, cancellationToken);

    private async Task<T> SendModerationAsync<T>(HttpMethod method, string path, object? body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: _json);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }
}
