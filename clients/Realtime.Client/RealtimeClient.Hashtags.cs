using Realtime.Contracts.Hashtags;
using Realtime.Contracts.Hub;

namespace Realtime.Client;

/// <summary>Hashtag topics, the trending lists and note views.</summary>
public sealed partial class RealtimeClient
{
    /// <summary>Watches a hashtag (with or without <c>#</c>); returns its counters, then <c>topicCounters</c> follow at most 4 times a second.</summary>
    public Task<TopicCounters> WatchTopicAsync(string tag, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<TopicCounters>(HubMethods.WatchTopic, [tag], cancellationToken);

    /// <summary>Stops watching a hashtag.</summary>
    public Task UnwatchTopicAsync(string tag, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.UnwatchTopic, [tag], cancellationToken);

    /// <summary>Watches the trending lists; returns both windows, then <c>trending</c> follows at most once a second per window.</summary>
    public Task<List<TrendingList>> WatchTrendingAsync(CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<List<TrendingList>>(HubMethods.WatchTrending, [], cancellationToken);

    /// <summary>Stops watching the trending lists.</summary>
    public Task UnwatchTrendingAsync(CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.UnwatchTrending, [], cancellationToken);

    /// <summary>Counts one view of a note.</summary>
    public Task RecordViewAsync(string noteId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.RecordView, [noteId], cancellationToken);

    /// <summary>A watched topic's counters changed.</summary>
    public IDisposable OnTopicCounters(Action<TopicCounters> handler) => Connection.On(HubEvents.TopicCounters, handler);

    /// <summary>A trending list changed.</summary>
    public IDisposable OnTrending(Action<TrendingList> handler) => Connection.On(HubEvents.Trending, handler);
}
