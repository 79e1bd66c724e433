using Realtime.Contracts.Hashtags;

namespace Realtime.Client;

/// <summary>Topics and the trending lists.</summary>
public sealed partial class RealtimeRestClient
{
    /// <summary>The trending list of a window (<c>1h</c> or <c>24h</c>).</summary>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c> for another window.</exception>
    public async Task<TrendingList> GetTrendingAsync(string window = TrendingWindows.Hour, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(TopicPaths.Trending.TrimStart('/') + "?window=" + Uri.EscapeDataString(window), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TrendingList>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A topic's counters and latest notes; the tag may start with <c>#</c>.</summary>
    /// <exception cref="RealtimeApiException">400 <c>invalid</c> for a malformed tag, 404 when no note carries it.</exception>
    public async Task<TopicSnapshot> GetTopicAsync(string tag, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(TopicPaths.Topics.TrimStart('/') + "/" + Uri.EscapeDataString(tag), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TopicSnapshot>(response, cancellationToken).ConfigureAwait(false);
    }
}
