using System.Globalization;
using Realtime.Client;

namespace Realtime.LoadGen;

/// <summary>What every scenario shares: the silo's address, one HTTP handler for every connection, the REST client and the error counts.</summary>
internal sealed class ScenarioContext
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _hubUri;

    public ScenarioContext(LoadGenOptions options, Uri baseUri, int? siloPid, HttpMessageInvoker invoker, HttpClient http, TextWriter log, ServerKind server = ServerKind.Silo)
    {
        Options = options;
        Server = server;
        BaseUri = baseUri;
        SiloPid = siloPid;
        _invoker = invoker;
        _hubUri = RealtimeConnectionOptions.ForServer(baseUri).HubUri;
        Http = http;
        Rest = new RealtimeRestClient(http);
        Log = log;
    }

    public LoadGenOptions Options { get; }

    /// <summary>Which server this run drives: our silo or the plain-SignalR baseline.</summary>
    public ServerKind Server { get; }

    /// <summary><c>realtime</c> or <c>baseline</c>, as the results name the server.</summary>
    public string ServerName => Server == ServerKind.Silo ? "realtime" : "baseline";

    public Uri BaseUri { get; }

    public int? SiloPid { get; }

    /// <summary>An HTTP client over the shared handler with the silo as its base address.</summary>
    public HttpClient Http { get; }

    public RealtimeRestClient Rest { get; }

    public TextWriter Log { get; }

    public ErrorCounter Errors { get; } = new();

    /// <summary>A fresh room id for this run.</summary>
    public static string NewRoomId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// A connected client (<see cref="CreateClient"/>), or null when connecting failed, which is
    /// counted as a <c>connect</c> error of the run. <paramref name="subscribe"/> adds the
    /// client's event handlers before it connects, so no event is missed.
    /// </summary>
    public async Task<RealtimeClient?> ConnectClientAsync(string? accessToken, CancellationToken cancellationToken, Action<RealtimeClient>? subscribe = null, Uri? server = null)
    {
        var client = CreateClient(accessToken, server);
        subscribe?.Invoke(client);
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Errors.Add("connect", e);
            await client.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Connects a signed-in viewer into <paramref name="viewers"/>[<paramref name="index"/>] and joins
    /// it to <paramref name="roomId"/>; true once joined. A failed join is a <c>join</c> error of the run.
    /// </summary>
    public async Task<bool> OpenViewerAsync(RealtimeClient?[] viewers, int index, string token, string roomId, CancellationToken cancellationToken, Action<RealtimeClient>? subscribe = null)
    {
        var client = await ConnectClientAsync(token, cancellationToken, subscribe).ConfigureAwait(false);
        if (client is null)
        {
            return false;
        }

        viewers[index] = client;
        try
        {
            await client.JoinRoomAsync(roomId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Errors.Add("join", e);
            return false;
        }
    }

    /// <summary>A client over the shared handler that never reconnects: a lost connection is an error of the run.</summary>
    public RealtimeClient CreateClient(string? accessToken, Uri? server = null)
    {
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = server is null ? _hubUri : RealtimeConnectionOptions.ForServer(server).HubUri,
            AccessToken = accessToken,
            HttpMessageInvoker = _invoker,
            ReconnectPolicy = null,
            HandlerError = (_, _) => Errors.Add("handler"),
        });
        client.Closed += reason =>
        {
            if (reason is not null)
            {
                Errors.Add("dropped", reason);
            }

            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>
    /// A bare connection over the shared handler that never reconnects, for viewers that only count
    /// what arrives: no room bookkeeping, so every event on the wire reaches the handler once,
    /// whatever its seq (the client's room layer would drop a line that arrives after a higher seq).
    /// </summary>
    public RealtimeConnection CreateConnection(string? accessToken)
    {
        var connection = new RealtimeConnection(new RealtimeConnectionOptions
        {
            HubUri = _hubUri,
            AccessToken = accessToken,
            HttpMessageInvoker = _invoker,
            ReconnectPolicy = null,
            HandlerError = (_, _) => Errors.Add("handler"),
        });
        connection.Closed += reason =>
        {
            if (reason is not null)
            {
                Errors.Add("dropped", reason);
            }

            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>Creates a room hosted by a fresh dev-token user; returns the host's token.</summary>
    public async Task<string> CreateRoomAsync(string roomId, CancellationToken cancellationToken)
    {
        var hostToken = await Rest.GetDevTokenAsync(roomId + "-host", "LoadGen host", "en", cancellationToken).ConfigureAwait(false);
        await Rest.CreateRoomAsync(roomId, "Load generator " + roomId, hostToken, cancellationToken).ConfigureAwait(false);
        return hostToken;
    }

    /// <summary>Dev tokens for <paramref name="count"/> users named <paramref name="prefix"/>-0, -1, ...</summary>
    public async Task<string[]> TokensAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await ForEachAsync(count, async (i, ct) =>
        {
            var id = prefix + "-" + i.ToString(CultureInfo.InvariantCulture);
            tokens[i] = await Rest.GetDevTokenAsync(id, "lg " + i.ToString(CultureInfo.InvariantCulture), "en", ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return tokens;
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1, at most <see cref="LoadGenOptions.ConnectParallelism"/> at once.</summary>
    public Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken)
        => Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Options.ConnectParallelism, CancellationToken = cancellationToken },
            body);

    /// <summary>Closes every client, a batch at a time.</summary>
    public async Task CloseAllAsync(IEnumerable<IAsyncDisposable?> clients)
    {
        var all = clients.OfType<IAsyncDisposable>().ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await ForEachAsync(all.Length, async (i, _) => await all[i].DisposeAsync().ConfigureAwait(false), timeout.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.WriteLine("closing the connections took longer than 20 s; leaving the rest");
        }
    }
}
