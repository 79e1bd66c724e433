namespace Realtime.Client;

/// <summary>
/// The connection to the hub is not usable: it is not connected, it was lost before the server
/// answered, the server rejected the handshake, or the server closed the connection.
/// </summary>
public sealed class RealtimeConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The transport failure behind it, if any.</param>
    /// <param name="serverError">The error the server sent with a handshake answer or a close message.</param>
    /// <param name="allowReconnect">Whether the server said the client may reconnect.</param>
    public RealtimeConnectionException(
        string message,
        Exception? innerException = null,
        string? serverError = null,
        bool allowReconnect = true)
        : base(message, innerException)
    {
        ServerError = serverError;
        AllowReconnect = allowReconnect;
    }

    /// <summary>The error text the server sent, or null when the server sent none.</summary>
    public string? ServerError { get; }

    /// <summary>False when the server asked the client not to reconnect.</summary>
    public bool AllowReconnect { get; }
}
