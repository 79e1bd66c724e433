using Realtime.Contracts.Hashtags;
using Realtime.Grains.Common;
using Realtime.Grains.Hashtags;
using Realtime.Hosting.Hashtags;

namespace Realtime.Hosting.Hubs;

/// <summary>Hashtag topics, the trending lists and note views.</summary>
public sealed partial class LiveHub
{
    private HashtagWatches Watches
    {
        get
        {
            if (Context.Items.TryGetValue(HashtagWatches.ItemKey, out var watches) && watches is HashtagWatches existing)
            {
                return existing;
            }

            var created = new HashtagWatches();
            Context.Items[HashtagWatches.ItemKey] = created;
            return created;
        }
    }

    /// <summary>Watches a hashtag's counters (<c>topicCounters</c>, at most 4/s); returns them as they stand.</summary>
    public async Task<TopicCounters> WatchTopic(string tag)
    {
        var folded = RequireTag(tag);
        var cancellationToken = Context.ConnectionAborted;
        return await UnderGateAsync(
            async _ =>
            {
                var watches = Watches;
                var added = false;
                if (!watches.Tags.Contains(folded))
                {
                    if (watches.Tags.Count >= HashtagWatches.TopicsMax)
                    {
                        throw RealtimeException.Invalid($"a connection watches at most {HashtagWatches.TopicsMax} topics");
                    }

                    watches.Tags.Add(folded);
                    added = true;
                    await WatchTopicAsync(Topics.Hashtag(folded), cancellationToken);
                }

                try
                {
                    return await grains.GetGrain<ITopicGrain>(folded).CountersAsync(cancellationToken);
                }
                catch when (added)
                {
                    watches.Tags.Remove(folded);
                    await UnwatchTopicAsync(Topics.Hashtag(folded), CancellationToken.None);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Stops watching a hashtag; one not watched is ignored.</summary>
    public async Task UnwatchTopic(string tag)
    {
        var folded = RequireTag(tag);
        await UnderGateAsync(
            async _ =>
            {
                if (Watches.Tags.Remove(folded))
                {
                    await UnwatchTopicAsync(Topics.Hashtag(folded), Context.ConnectionAborted);
                }
            },
            Context.ConnectionAborted);
    }

    /// <summary>Watches the trending lists (<c>trending</c>, each window at most once a second); returns both as they stand.</summary>
    public async Task<IReadOnlyList<TrendingList>> WatchTrending()
    {
        var cancellationToken = Context.ConnectionAborted;
        return await UnderGateAsync(
            async _ =>
            {
                var watches = Watches;
                var added = !watches.Trending;
                if (added)
                {
                    watches.Trending = true;
                    await WatchTopicAsync(Topics.Trending, cancellationToken);
                }

                try
                {
                    var trending = grains.GetGrain<ITrendingGrain>(TrendingGrain.Key);
                    var lists = new List<TrendingList>();
                    foreach (var window in TrendingWindows.All)
                    {
                        lists.Add(await trending.ListAsync(window, cancellationToken));
                    }

                    return (IReadOnlyList<TrendingList>)lists;
                }
                catch when (added)
                {
                    watches.Trending = false;
                    await UnwatchTopicAsync(Topics.Trending, CancellationToken.None);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Stops watching the trending lists; ignored when not watching.</summary>
    public async Task UnwatchTrending()
    {
        await UnderGateAsync(
            async _ =>
            {
                if (Watches.Trending)
                {
                    Watches.Trending = false;
                    await UnwatchTopicAsync(Topics.Trending, Context.ConnectionAborted);
                }
            },
            Context.ConnectionAborted);
    }

    /// <summary>Counts one view of a note (summed on this silo, handed to the note every ~100 ms). Anonymous viewers count too.</summary>
    public Task RecordView(string noteId)
    {
        HubInput.RequireId(noteId, nameof(noteId));

        // Views feed trending: one reader cannot inflate them (an anonymous one is limited per connection).
        var reader = HubInput.CallerOrNull(Context)?.UserId ?? "connection:" + Context.ConnectionId;
        if (!limiter.TryAcquire(reader, RateLimiting.RateLimitKind.View))
        {
            throw new RealtimeException("rate_limited", "too many views; slow down");
        }

        views.Add(noteId);
        return Task.CompletedTask;
    }

    /// <summary>Ends the closing connection's topic and trending watches (called by <see cref="HashtagDisconnectFilter"/>).</summary>
    internal async Task UnwatchHashtagsOnDisconnectAsync()
    {
        if (!Context.Items.TryGetValue(HashtagWatches.ItemKey, out var item) || item is not HashtagWatches watches)
        {
            return;
        }

        await UnderGateAsync(
            async _ =>
            {
                foreach (var tag in watches.Tags.ToList())
                {
                    watches.Tags.Remove(tag);
                    await UnwatchTopicAsync(Topics.Hashtag(tag), CancellationToken.None);
                }

                if (watches.Trending)
                {
                    watches.Trending = false;
                    await UnwatchTopicAsync(Topics.Trending, CancellationToken.None);
                }
            },
            CancellationToken.None);
    }

    private static string RequireTag(string? tag) =>
        HashtagParser.Normalize(tag)
        ?? throw RealtimeException.Invalid($"tag must be 1-{HashtagParser.MaxLength} letters, digits or underscores with at least one letter (a leading # is allowed)");
}
