namespace Realtime.Hosting.Hubs;

/// <summary>Group membership and bus subscriptions for topics a connection watches.</summary>
public sealed partial class LiveHub
{
    /// <summary>
    /// Starts watching a room or note and takes its snapshot, under the connection's gate. The
    /// connection joins the topic (and its language's) before the snapshot is taken, so no event
    /// falls between the two; if the snapshot fails, a watch this call started is undone.
    /// </summary>
    private async Task<T> WatchWithSnapshotAsync<T>(
        Func<ConnectionState, bool> add,
        string topic,
        Func<string, string> languageTopic,
        Func<ConnectionState, CancellationToken, Task<T>> snapshot,
        Func<ConnectionState, Task> undo)
    {
        var cancellationToken = Context.ConnectionAborted;
        return await UnderGateAsync(
            async state =>
            {
                var added = add(state);
                if (added)
                {
                    await WatchTopicAsync(topic, cancellationToken);
                    await WatchLanguageAsync(topic, state.Language, languageTopic, cancellationToken);
                }

                try
                {
                    return await snapshot(state, cancellationToken);
                }
                catch when (added)
                {
                    await undo(state);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="body"/> under the connection's gate, which keeps one connection's
    /// watch changes (joins, leaves, language switches, the final cleanup) from interleaving.
    /// </summary>
    private async Task<T> UnderGateAsync<T>(Func<ConnectionState, Task<T>> body, CancellationToken cancellationToken)
    {
        var state = State;
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            return await body(state);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private Task UnderGateAsync(Func<ConnectionState, Task> body, CancellationToken cancellationToken) =>
        UnderGateAsync(
            async state =>
            {
                await body(state);
                return true;
            },
            cancellationToken);

    private async Task WatchTopicAsync(string topic, CancellationToken cancellationToken)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, topic, cancellationToken);
        presence.Add(topic, Context.ConnectionId);
        // Every watcher waits until the silo receives the topic, not only the first one.
        await bus.SubscribeAsync(topic, cancellationToken);
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

    private async Task UnwatchTopicAsync(string topic, CancellationToken cancellationToken)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic, cancellationToken);
        if (presence.Remove(topic, Context.ConnectionId).Last)
        {
            await bus.UnsubscribeAsync(topic, cancellationToken);
        }
    }
}
