namespace Realtime.Client.Internal;

/// <summary>What a <see cref="HubSession"/> reports to the connection that owns it.</summary>
internal interface IHubSessionOwner
{
    /// <summary>An invocation from the server arrived; called on the receive loop, the spans are only valid during the call.</summary>
    void OnServerInvocation(ReadOnlySpan<char> target, ReadOnlySpan<byte> argument, bool hasArgument);

    /// <summary>The session ended; called once, after its pending invocations were failed.</summary>
    /// <param name="session">The session that ended.</param>
    /// <param name="reason">Why, or null for an orderly close by the server without an error.</param>
    /// <param name="allowReconnect">Whether a new session may be opened in its place.</param>
    void OnSessionEnded(HubSession session, Exception? reason, bool allowReconnect);
}
