using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Realtime.Client.Internal;

/// <summary>
/// One WebSocket with the hub protocol on it: handshake, a receive loop that cuts records and
/// completes invocations, keep-alive pings and the server timeout, and a single write lock so
/// that records never interleave. A reconnect creates a new session; the owning connection
/// outlives them all.
/// </summary>
internal sealed class HubSession
{
    private const int TargetBufferLength = 128;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly IHubSessionOwner _owner;
    private readonly ClientWebSocket _socket;
    private readonly RealtimeConnectionOptions _options;
    private readonly RecordBuffer _buffer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _output = new(256);
    private readonly Utf8JsonWriter _writer;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _pendingSync = new();
    private readonly Dictionary<long, PendingInvocation> _pending = [];
    private bool _ended;
    private Exception? _terminationReason;
    private volatile bool _closeRequested;
    private long _lastReceived;
    private long _lastSent;
    private Task? _receiveLoop;

    private HubSession(IHubSessionOwner owner, ClientWebSocket socket, RealtimeConnectionOptions options)
    {
        _owner = owner;
        _socket = socket;
        _options = options;
        _buffer = new RecordBuffer(options.ReceiveBufferSize, options.MaxMessageSize);
        _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { SkipValidation = true });
        _lastReceived = _lastSent = Environment.TickCount64;
    }

    /// <summary>Opens the WebSocket and completes the handshake; the receive loop starts with <see cref="Start"/>.</summary>
    public static async Task<HubSession> ConnectAsync(
        IHubSessionOwner owner,
        RealtimeConnectionOptions options,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        var socket = new ClientWebSocket();
        HubSession? session = null;
        try
        {
            // The protocol's own pings keep the connection alive; WebSocket pings would double the traffic.
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            options.ConfigureWebSocket?.Invoke(socket.Options);
            var uri = await options.BuildConnectUriAsync(timeout.Token).ConfigureAwait(false);
            if (options.HttpMessageInvoker is { } invoker)
            {
                await socket.ConnectAsync(uri, invoker, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
            }

            session = new HubSession(owner, socket, options);
            await session.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (Exception exception)
        {
            session?._buffer.Dispose();
            socket.Dispose();
            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"The hub did not complete the handshake within {options.HandshakeTimeout.TotalSeconds:0.###} s.", exception);
            }

            throw;
        }
    }

    /// <summary>Starts the receive loop and the keep-alive timer.</summary>
    public void Start()
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _ = Task.Run(KeepAliveLoopAsync);
    }

    public bool TryAddPending(long invocationId, PendingInvocation pending)
    {
        lock (_pendingSync)
        {
            if (_ended)
            {
                return false;
            }

            _pending.Add(invocationId, pending);
            return true;
        }
    }

    public void RemovePending(long invocationId)
    {
        lock (_pendingSync)
        {
            _pending.Remove(invocationId);
        }
    }

    /// <summary>Writes an invocation record; <paramref name="invocationId"/> null asks for no completion.</summary>
    public async Task SendInvocationAsync(
        long? invocationId,
        string target,
        object?[] arguments,
        JsonSerializerOptions serializerOptions,
        CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lifetime.IsCancellationRequested)
            {
                throw new RealtimeConnectionException("The connection to the hub was lost.", Volatile.Read(ref _terminationReason));
            }

            HubMessageWriter.WriteInvocation(_writer, invocationId, target, arguments, serializerOptions);
            await SendBufferedRecordAsync().ConfigureAwait(false);
        }
        finally
        {
            _writer.Reset();
            _output.ResetWrittenCount();
            _writeLock.Release();
        }
    }

    /// <summary>Closes the WebSocket politely (bounded by a short timeout) and waits for the receive loop to end.</summary>
    public async Task CloseAsync()
    {
        _closeRequested = true;
        if (_receiveLoop is null)
        {
            // Never started: nothing was sent or received through it.
            Terminate(null);
            _buffer.Dispose();
            _socket.Dispose();
            return;
        }

        using (var timeout = new CancellationTokenSource(CloseTimeout))
        {
            try
            {
                await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release();
                }

                await _receiveLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
                // The server did not answer the close in time; dropping the socket is all that is left.
            }
        }

        Terminate(null);
        await _receiveLoop.ConfigureAwait(false);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await _socket.SendAsync(HubProtocol.HandshakeRequest, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (TryReadHandshake(out var error))
            {
                if (error is not null)
                {
                    throw new RealtimeConnectionException(
                        $"The hub rejected the handshake: {error}", serverError: error, allowReconnect: false);
                }

                return;
            }

            var result = await _socket.ReceiveAsync(_buffer.GetReceiveMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new RealtimeConnectionException("The hub closed the WebSocket during the handshake.");
            }

            _buffer.Advance(result.Count);
        }
    }

    private bool TryReadHandshake(out string? error)
    {
        error = null;
        if (!_buffer.TryReadRecord(out var record))
        {
            return false;
        }

        error = HubRecord.ParseHandshakeError(record);
        return true;
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? reason = null;
        var allowReconnect = true;
        try
        {
            while (true)
            {
                if (ProcessBufferedRecords(out var closeError, out var closeAllowsReconnect))
                {
                    allowReconnect = closeAllowsReconnect;
                    reason = closeError is not null || closeAllowsReconnect
                        ? new RealtimeConnectionException(
                            closeError is null
                                ? "The hub closed the connection."
                                : $"The hub closed the connection: {closeError}",
                            serverError: closeError,
                            allowReconnect: closeAllowsReconnect)
                        : null;
                    break;
                }

                var result = await _socket.ReceiveAsync(_buffer.GetReceiveMemory(), _lifetime.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = new RealtimeConnectionException("The hub closed the WebSocket without a close message.");
                    break;
                }

                Volatile.Write(ref _lastReceived, Environment.TickCount64);
                _buffer.Advance(result.Count);
            }
        }
        catch (Exception exception)
        {
            reason = exception;
        }

        End(reason, allowReconnect);
    }

    /// <summary>Handles every complete record in the buffer; true when one of them was a close message.</summary>
    private bool ProcessBufferedRecords(out string? closeError, out bool allowReconnect)
    {
        Span<char> targetBuffer = stackalloc char[TargetBufferLength];
        while (_buffer.TryReadRecord(out var json))
        {
            var record = HubRecord.Parse(json, targetBuffer);
            switch (record.Type)
            {
                case HubProtocol.InvocationType:
                    OnInvocation(record);
                    break;
                case HubProtocol.CompletionType:
                    OnCompletion(record);
                    break;
                case HubProtocol.CloseType:
                    closeError = record.Error;
                    allowReconnect = record.AllowReconnect;
                    return true;
                default:
                    // Pings only prove the server is alive; stream and acknowledgement messages are
                    // not part of this client's protocol subset.
                    break;
            }
        }

        closeError = null;
        allowReconnect = false;
        return false;
    }

    private void OnInvocation(in HubRecord record)
    {
        if (record.HasInvocationId)
        {
            // The server asked for a result: this client implements no client results.
            var id = record.InvocationIdUtf8.IsEmpty ? null : Encoding.UTF8.GetString(record.InvocationIdUtf8);
            if (id is not null)
            {
                _ = SendCompletionErrorAsync(id, HubProtocol.NoClientResultError);
            }
        }

        _owner.OnServerInvocation(record.Target, record.Argument, record.HasArgument);
    }

    private void OnCompletion(in HubRecord record)
    {
        if (record.InvocationId < 0)
        {
            return;
        }

        PendingInvocation? pending;
        lock (_pendingSync)
        {
            if (!_pending.Remove(record.InvocationId, out pending))
            {
                return;
            }
        }

        if (record.Error is not null)
        {
            pending.Fail(new RealtimeHubException(record.Error));
        }
        else
        {
            pending.Complete(record.Result, record.HasResult);
        }
    }

    private async Task SendCompletionErrorAsync(string invocationId, string error)
    {
        try
        {
            await _writeLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
            try
            {
                HubMessageWriter.WriteCompletionError(_writer, invocationId, error);
                await SendBufferedRecordAsync().ConfigureAwait(false);
            }
            finally
            {
                _writer.Reset();
                _output.ResetWrittenCount();
                _writeLock.Release();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or RealtimeConnectionException)
        {
            // The session is ending; the server no longer waits for this answer.
        }
    }

    /// <summary>Sends what the writer holds plus the separator; the caller holds the write lock.</summary>
    private Task SendBufferedRecordAsync()
    {
        _output.GetSpan(1)[0] = HubProtocol.RecordSeparator;
        _output.Advance(1);
        return SendAsync(_output.WrittenMemory);
    }

    /// <summary>Sends one complete record; the caller holds the write lock.</summary>
    private async Task SendAsync(ReadOnlyMemory<byte> record)
    {
        try
        {
            await _socket.SendAsync(record, WebSocketMessageType.Text, true, _lifetime.Token).ConfigureAwait(false);
            Volatile.Write(ref _lastSent, Environment.TickCount64);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            Terminate(exception);
            throw new RealtimeConnectionException("The connection to the hub was lost while sending.", exception);
        }
    }

    private async Task KeepAliveLoopAsync()
    {
        var keepAlive = (long)_options.KeepAliveInterval.TotalMilliseconds;
        var serverTimeout = (long)_options.ServerTimeout.TotalMilliseconds;
        var tick = Math.Max(1, Math.Min(keepAlive, serverTimeout) / 3);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(tick));
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                if (now - Volatile.Read(ref _lastReceived) > serverTimeout)
                {
                    Terminate(new TimeoutException(
                        $"The hub sent nothing for {_options.ServerTimeout.TotalSeconds:0.###} s; the connection is treated as lost."));
                    return;
                }

                if (now - Volatile.Read(ref _lastSent) >= keepAlive - tick && _writeLock.Wait(0))
                {
                    try
                    {
                        await SendAsync(HubProtocol.PingRecord).ConfigureAwait(false);
                    }
                    finally
                    {
                        _writeLock.Release();
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or RealtimeConnectionException)
        {
            // The session ended; the receive loop reports why.
        }
    }

    /// <summary>Ends the session: the first reason given wins, the socket is aborted, the receive loop stops.</summary>
    private void Terminate(Exception? reason)
    {
        if (reason is not null)
        {
            Interlocked.CompareExchange(ref _terminationReason, reason, null);
        }

        _lifetime.Cancel();
        _socket.Abort();
    }

    private void End(Exception? reason, bool allowReconnect)
    {
        Terminate(null);
        reason = Volatile.Read(ref _terminationReason) ?? reason;
        PendingInvocation[] pending;
        lock (_pendingSync)
        {
            _ended = true;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        var failure = _closeRequested
            ? new RealtimeConnectionException("The connection was stopped before the hub answered.", reason)
            : new RealtimeConnectionException("The connection to the hub was lost before it answered.", reason);
        foreach (var invocation in pending)
        {
            invocation.Fail(failure);
        }

        _buffer.Dispose();
        _socket.Dispose();
        _owner.OnSessionEnded(this, _closeRequested ? null : reason, allowReconnect && !_closeRequested);
    }
}
