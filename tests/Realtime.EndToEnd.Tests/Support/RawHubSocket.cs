using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Realtime.Contracts.Hub;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// A hub connection spoken by hand over <see cref="ClientWebSocket"/> (SignalR JSON protocol,
/// records ended by 0x1E), so a test can send what no well-behaved client would: malformed
/// frames, unknown methods, wrong argument types, oversized messages, raw JSON escapes.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Completion>> _pending = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonElement> _records = [];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;

    private RawHubSocket()
    {
    }

    /// <summary>Completes with a description of how the connection ended (a close record or the socket closing).</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>Every record the hub sent after the handshake, pings included.</summary>
    public IReadOnlyList<JsonElement> Records
    {
        get
        {
            lock (_records)
            {
                return _records.ToList();
            }
        }
    }

    /// <summary>Opens the WebSocket (no negotiation) and completes the handshake.</summary>
    public static async Task<RawHubSocket> ConnectAsync(SiloProcess silo, string? accessToken = null)
    {
        var raw = new RawHubSocket();
        var uri = new UriBuilder(silo.BaseUri) { Scheme = "ws", Path = HubPaths.Live };
        if (accessToken is not null)
        {
            uri.Query = "access_token=" + Uri.EscapeDataString(accessToken);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await raw._socket.ConnectAsync(uri.Uri, timeout.Token);
        await raw.SendTextAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var buffer = new StringBuilder();
        var handshake = await raw.ReadRecordAsync(buffer, timeout.Token)
            ?? throw new InvalidOperationException("The hub closed the socket during the handshake.");
        using (var document = JsonDocument.Parse(handshake))
        {
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("The hub refused the handshake: " + error);
            }
        }

        raw._receiveLoop = Task.Run(() => raw.ReceiveLoopAsync(buffer));
        return raw;
    }

    /// <summary>Sends text exactly as given (add the 0x1E yourself, or leave it out on purpose).</summary>
    public async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Invokes <paramref name="target"/> with arguments serialised by System.Text.Json; returns the completion.</summary>
    public Task<Completion> InvokeAsync(string target, params object?[] arguments) =>
        InvokeJsonAsync(target, JsonSerializer.Serialize(arguments));

    /// <summary>Invokes <paramref name="target"/> with <paramref name="argumentsJson"/> (a JSON array written by hand) as the arguments.</summary>
    public async Task<Completion> InvokeJsonAsync(string target, string argumentsJson)
    {
        var id = "raw" + Interlocked.Increment(ref _nextId);
        var done = _pending.GetOrAdd(id, _ => new TaskCompletionSource<Completion>(TaskCreationOptions.RunContinuationsAsynchronously));
        await SendTextAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":{argumentsJson}}}{RecordSeparator}");
        return await done.Task.WaitAsync(Timeout);
    }

    /// <summary>Waits until the hub ended the connection.</summary>
    public Task<string> WaitClosedAsync() => _closed.Task.WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        await _stop.CancelAsync();
        try
        {
            await _receiveLoop;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReceiveLoopAsync(StringBuilder buffer)
    {
        var reason = "the socket closed";
        try
        {
            while (await ReadRecordAsync(buffer, _stop.Token) is { } record)
            {
                using var document = JsonDocument.Parse(record);
                var root = document.RootElement.Clone();
                lock (_records)
                {
                    _records.Add(root);
                }

                var type = root.GetProperty("type").GetInt32();
                if (type == 3 && root.GetProperty("invocationId").GetString() is { } id)
                {
                    var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                    JsonElement? result = root.TryGetProperty("result", out var r) ? r : null;
                    _pending.GetOrAdd(id, _ => new TaskCompletionSource<Completion>(TaskCreationOptions.RunContinuationsAsynchronously))
                        .TrySetResult(new Completion(error, result));
                }
                else if (type == 7)
                {
                    reason = "close record: " + root;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            reason = e.GetType().Name + ": " + e.Message;
        }
        finally
        {
            _closed.TrySetResult(reason);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The connection ended before the completion: " + reason));
            }
        }
    }

    /// <summary>The next whole record, or null when the socket closed.</summary>
    private async Task<string?> ReadRecordAsync(StringBuilder buffer, CancellationToken cancellationToken)
    {
        var bytes = new byte[8192];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        while (true)
        {
            var text = buffer.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                buffer.Remove(0, end + 1);
                return text[..end];
            }

            var received = await _socket.ReceiveAsync(bytes, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            var count = _decoder.GetChars(bytes, 0, received.Count, chars, 0, flush: false);
            buffer.Append(chars, 0, count);
        }
    }

    /// <summary>A completion record: <see cref="Error"/> is null on success.</summary>
    public sealed record Completion(string? Error, JsonElement? Result);
}
