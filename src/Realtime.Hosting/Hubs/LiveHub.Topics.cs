namespace Realtime.Hosting.Hubs;

/// <summary>Group membership and bus subscriptions for topics a connection watches.</summary>
public sealed partial class LiveHub
{
    private async Task<int> WatchTopicAsync(string topic, CancellationToken cancellationToken)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, topic, cancellationToken);
        var (count, first) = presence.Add(topic, Context.ConnectionId);
        if (first)
        {
            await bus.SubscribeAsync(topic, cancellationToken);
        }

        return count;
    }

    /// <summary>Adds the connection to the readers of <paramref name="language"/> of a room or note.</summary>
    private async Task WatchLanguageAsync(string topic, string? language, Func<string, string> languageTopic, CancellationToken cancellationToken)
    {
        if (language is null)
        {
            return;
        }

        await WatchTopicAsync(languageTopic(language), cancellationToken);
        languages.Add(topic, language);
    }

    private async Task UnwatchLanguageAsync(string topic, string? language, Func<string, string> languageTopic, CancellationToken cancellationToken)
    {
        if (language is null)
        {
            return;
        }

        await UnwatchTopicAsync(languageTopic(language), cancellationToken);
        languages.Remove(topic, language);
    }

    private async Task<int> UnwatchTopicAsync(string topic, CancellationToken cancellationToken)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic, cancellationToken);
        var (count, last) = presence.Remove(topic, Context.ConnectionId);
        if (last)
        {
            await bus.UnsubscribeAsync(topic, cancellationToken);
        }

        return count;
    }
}
