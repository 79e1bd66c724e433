using System.Net;
using System.Net.Sockets;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>
/// The load balancer in front of a test cluster, reduced to what failover needs: a loopback port
/// whose every new TCP connection goes to the first silo of a preference list that accepts it,
/// bytes piped both ways. A killed silo refuses connections, so clients that reconnect through
/// the balancer land on the next silo; the connections it carried end when it dies, as they would
/// behind nginx. No health checks, no stickiness (the .NET client skips negotiation).
/// </summary>
public sealed class LoopbackBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<SiloProcess> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Starts listening; connections go to the first of <paramref name="backends"/> that accepts them.</summary>
    public LoopbackBalancer(params SiloProcess[] backends)
    {
        _backends = backends;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The balancer's address, to give clients instead of a silo's.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        {
            using var backend = await ConnectToFirstLiveAsync();
            if (backend is null)
            {
                return;
            }

            // Either side closing (or a killed silo resetting) ends both: the client sees its connection drop.
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            await Task.WhenAny(PipeAsync(client, backend, done.Token), PipeAsync(backend, client, done.Token));
            await done.CancelAsync();
        }
    }

    private async Task<Socket?> ConnectToFirstLiveAsync()
    {
        foreach (var silo in _backends)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, silo.Port, _stop.Token);
                return socket;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }

        return null;
    }

    private static async Task PipeAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
