using System.Net.WebSockets;
using System.Text.Json;
using Realtime.Contracts.Hub;

namespace Realtime.Client;

/// <summary>How a <see cref="RealtimeConnection"/> reaches the hub and behaves on the wire.</summary>
public sealed class RealtimeConnectionOptions
{
    /// <summary>The hub's WebSocket address, <c>ws://host:port/hubs/live</c> or <c>wss://...</c>.</summary>
    public required Uri HubUri { get; init; }

    /// <summary>A JWT sent as the <c>access_token</c> query parameter; null connects anonymously (watch only).</summary>
    public string? AccessToken { get; init; }

    /// <summary>
    /// Called before every connect and reconnect for a fresh token; wins over <see cref="AccessToken"/>.
    /// Returning null connects anonymously.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; init; }

    /// <summary>What to do when an established connection is lost; null never reconnects.
    /// Defaults to <see cref="ReconnectPolicy.Default"/>.</summary>
    public ReconnectPolicy? ReconnectPolicy { get; init; } = ReconnectPolicy.Default;

    /// <summary>A ping is sent when nothing else was sent for this long. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The connection is treated as dead when nothing arrives for this long. Default 30 s.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening the WebSocket plus the protocol handshake may take. Default 15 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Initial size of the pooled receive buffer; it grows for larger messages and shrinks back after them.</summary>
    public int ReceiveBufferSize { get; init; } = 4096;

    /// <summary>The largest hub message accepted; a larger one drops the connection. Default 16 MiB.</summary>
    public int MaxMessageSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Serializer settings for arguments, results and events; null uses the web defaults (camelCase).</summary>
    public JsonSerializerOptions? SerializerOptions { get; init; }

    /// <summary>
    /// Sends the WebSocket upgrade through this invoker (for example one shared <c>SocketsHttpHandler</c>
    /// across thousands of connections); null lets every connection use its own.
    /// </summary>
    public HttpMessageInvoker? HttpMessageInvoker { get; init; }

    /// <summary>Adjusts the WebSocket before it connects (headers, proxy, certificates).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; init; }

    /// <summary>
    /// Receives the exceptions thrown by event handlers (with the event's name); they never stop
    /// the event loop. Null ignores them.
    /// </summary>
    public Action<string, Exception>? HandlerError { get; init; }

    /// <summary>Options for the hub of the silo at <paramref name="serverUri"/> (<c>http(s)://host:port</c>).</summary>
    /// <param name="serverUri">The silo's base address; <c>http</c> becomes <c>ws</c> and <c>https</c> <c>wss</c>.</param>
    /// <param name="accessToken">A JWT, or null for an anonymous watcher.</param>
    public static RealtimeConnectionOptions ForServer(Uri serverUri, string? accessToken = null)
    {
        ArgumentNullException.ThrowIfNull(serverUri);
        var builder = new UriBuilder(serverUri)
        {
            Scheme = serverUri.Scheme switch
            {
                "https" or "wss" => "wss",
                _ => "ws",
            },
            Path = serverUri.AbsolutePath.TrimEnd('/') + HubPaths.Live,
            Query = string.Empty,
        };
        if (serverUri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return new RealtimeConnectionOptions { HubUri = builder.Uri, AccessToken = accessToken };
    }

    internal async ValueTask<Uri> BuildConnectUriAsync(CancellationToken cancellationToken)
    {
        var token = AccessTokenProvider is { } provider
            ? await provider(cancellationToken).ConfigureAwait(false)
            : AccessToken;
        if (string.IsNullOrEmpty(token))
        {
            return HubUri;
        }

        var builder = new UriBuilder(HubUri);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : string.Empty) + "access_token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }
}
