namespace Realtime.Client;

/// <summary>Where a <see cref="RealtimeConnection"/> is in its life.</summary>
public enum RealtimeConnectionState
{
    /// <summary>Not connected: never started, stopped, or closed for good.</summary>
    Disconnected,

    /// <summary><see cref="RealtimeConnection.ConnectAsync"/> is opening the WebSocket and doing the handshake.</summary>
    Connecting,

    /// <summary>The handshake succeeded; invocations and events flow.</summary>
    Connected,

    /// <summary>The connection was lost and the reconnect policy is trying to open a new one.</summary>
    Reconnecting,
}
