using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Realtime.Client.Tests.Infrastructure;

/// <summary>
/// The server end of one client WebSocket, scripted by a test: it reads the client's records in the
/// background (answering a WebSocket close) and writes whatever frames the test asks for.
/// </summary>
internal sealed class ServerPeer
{
    private const char Separator = '\u001e';
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _records = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public ServerPeer(HttpContext context, WebSocket socket)
    {
        _context = context;
        _socket = socket;
        AccessToken = context.Request.Query["access_token"].FirstOrDefault();
        _ = Task.Run(ReceiveLoopAsync);
    }

    public string? AccessToken { get; }

    /// <summary>Completes when the peer is done; the server's request ends with it.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Reads the handshake and accepts it.</summary>
    public async Task AcceptHandshakeAsync()
    {
        var handshake = await ReadRecordAsync();
        Assert.Equal("json", handshake.GetProperty("protocol").GetString());
        Assert.Equal(1, handshake.GetProperty("version").GetInt32());
        await SendFramesAsync("{}" + Separator);
    }

    /// <summary>The next record the client sent, pings included.</summary>
    public Task<JsonElement> ReadRecordAsync() => _records.Reader.ReadAsync().Bounded();

    /// <summary>The next record that is not a ping.</summary>
    public async Task<JsonElement> ReadMessageAsync()
    {
        while (true)
        {
            var record = await ReadRecordAsync();
            if (!record.TryGetProperty("type", out var type) || type.GetInt32() != 6)
            {
                return record;
            }
        }
    }

    /// <summary>Reads the next message, checks that it invokes <paramref name="target"/>, and returns its id and arguments.</summary>
    public async Task<(string? InvocationId, JsonElement Arguments)> ExpectInvocationAsync(string target)
    {
        var message = await ReadMessageAsync();
        Assert.Equal(1, message.GetProperty("type").GetInt32());
        Assert.Equal(target, message.GetProperty("target").GetString());
        var id = message.TryGetProperty("invocationId", out var idElement) ? idElement.GetString() : null;
        return (id, message.GetProperty("arguments"));
    }

    public Task CompleteAsync(string? invocationId, object? result)
        => SendRecordAsync(new { type = 3, invocationId, result });

    public Task CompleteEmptyAsync(string? invocationId)
        => SendRecordAsync(new { type = 3, invocationId });

    public Task FailAsync(string? invocationId, string error)
        => SendRecordAsync(new { type = 3, invocationId, error });

    public Task SendEventAsync(string target, object argument)
        => SendRecordAsync(new { type = 1, target, arguments = new[] { argument } });

    public Task SendRecordAsync(object message) => SendFramesAsync(Record(message));

    /// <summary>The text of one record: the message as camelCase JSON plus the separator.</summary>
    public static string Record(object message) => JsonSerializer.Serialize(message, Json) + Separator;

    /// <summary>Sends each string as a WebSocket message of its own.</summary>
    public async Task SendFramesAsync(params string[] messages)
    {
        await _sendLock.WaitAsync();
        try
        {
            foreach (var message in messages)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends the strings as the fragments (continuation frames) of a single WebSocket message.</summary>
    public async Task SendFragmentsAsync(params string[] fragments)
    {
        await _sendLock.WaitAsync();
        try
        {
            for (var i = 0; i < fragments.Length; i++)
            {
                await _socket.SendAsync(
                    Encoding.UTF8.GetBytes(fragments[i]), WebSocketMessageType.Text, i == fragments.Length - 1, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without any close message, as a crashed silo would.</summary>
    public void Drop()
    {
        _context.Abort();
        _finished.TrySetResult();
    }

    public void Release() => _finished.TrySetResult();

    private async Task ReceiveLoopAsync()
    {
        var pending = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                pending.AddRange(buffer.AsSpan(0, result.Count));
                int separator;
                while ((separator = pending.IndexOf(0x1E)) >= 0)
                {
                    var json = pending.GetRange(0, separator).ToArray();
                    pending.RemoveRange(0, separator + 1);
                    using var document = JsonDocument.Parse(json);
                    _records.Writer.TryWrite(document.RootElement.Clone());
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone.
        }
        catch (Exception exception)
        {
            // A record that is not JSON: the test reading it fails with this.
            _records.Writer.TryComplete(exception);
        }
        finally
        {
            _records.Writer.TryComplete();
            _finished.TrySetResult();
        }
    }
}
