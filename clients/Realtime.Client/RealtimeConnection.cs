using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Realtime.Client.Internal;

namespace Realtime.Client;

/// <summary>
/// A connection to the hub speaking the SignalR JSON hub protocol over a WebSocket (no
/// negotiation). Invocations may be made from any thread. Events are delivered in arrival order
/// on one loop per connection, one handler at a time; lifecycle events (<see cref="Reconnecting"/>,
/// <see cref="Reconnected"/>, <see cref="Closed"/>) are delivered on the same loop, in order with
/// the hub's events. A handler that waits for a later event of the same connection waits for ever.
/// </summary>
public sealed class RealtimeConnection : IAsyncDisposable, IHubSessionOwner
{
    private static readonly AsyncLocal<RealtimeConnection?> EventLoopOwner = new();

    private readonly RealtimeConnectionOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly ConcurrentDictionary<string, EventHandlerSet> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EventHandlerSet>.AlternateLookup<ReadOnlySpan<char>> _handlersBySpan;
    private readonly Channel<DispatchItem> _events = Channel.CreateUnbounded<DispatchItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Task _eventLoop;
    private readonly Lock _sync = new();
    private HubSession? _session;
    private RealtimeConnectionState _state;
    private CancellationTokenSource? _lifetime;
    private Task? _reconnectLoop;
    private long _nextInvocationId;
    private volatile bool _disposed;

    /// <summary>Creates a connection; nothing is opened until <see cref="ConnectAsync"/>.</summary>
    public RealtimeConnection(RealtimeConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.HubUri);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.KeepAliveInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ServerTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HandshakeTimeout, TimeSpan.Zero);
        _options = options;
        _json = options.SerializerOptions ?? RealtimeJsonContext.CreateOptions();
        _handlersBySpan = _handlers.GetAlternateLookup<ReadOnlySpan<char>>();
        _eventLoop = Task.Run(RunEventLoopAsync);
    }

    /// <summary>
    /// Raised when the connection ended for good after having connected: <c>null</c> after
    /// <see cref="StopAsync"/> or an orderly close by the hub, else the reason (the hub's close
    /// error as a <see cref="RealtimeConnectionException"/>, a transport failure, a timeout, or the
    /// last failure when the reconnect policy gave up).
    /// </summary>
    public event Func<Exception?, Task>? Closed;

    /// <summary>Raised when a connection was lost and the reconnect policy starts, with the reason.</summary>
    public event Func<Exception?, Task>? Reconnecting;

    /// <summary>Raised when a new connection replaced a lost one; nothing is re-joined at this level.</summary>
    public event Func<Task>? Reconnected;

    /// <summary>Where the connection is in its life.</summary>
    public RealtimeConnectionState State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    /// <summary>The serializer settings used for arguments, results and events.</summary>
    public JsonSerializerOptions SerializerOptions => _json;

    /// <summary>Opens the WebSocket and completes the protocol handshake.</summary>
    /// <exception cref="RealtimeConnectionException">The hub rejected the handshake or closed the WebSocket.</exception>
    /// <exception cref="TimeoutException">The handshake did not complete within the options' handshake timeout.</exception>
    /// <exception cref="InvalidOperationException">The connection is not disconnected.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource lifetime;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_state != RealtimeConnectionState.Disconnected)
            {
                throw new InvalidOperationException($"The connection is {_state}; it can connect only when disconnected.");
            }

            _state = RealtimeConnectionState.Connecting;
            lifetime = _lifetime = new CancellationTokenSource();
        }

        HubSession session;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
            session = await HubSession.ConnectAsync(this, _options, linked.Token).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                if (_state == RealtimeConnectionState.Connecting && _lifetime == lifetime)
                {
                    _state = RealtimeConnectionState.Disconnected;
                }
            }

            throw;
        }

        var stopped = false;
        lock (_sync)
        {
            if (_state == RealtimeConnectionState.Connecting && _lifetime == lifetime)
            {
                _session = session;
                _state = RealtimeConnectionState.Connected;
            }
            else
            {
                stopped = true;
            }
        }

        if (stopped)
        {
            await session.CloseAsync().ConfigureAwait(false);
            throw new OperationCanceledException("The connection was stopped while it was connecting.");
        }

        session.Start();
    }

    /// <summary>
    /// Closes the connection and stops reconnecting. Pending invocations fail with
    /// <see cref="RealtimeConnectionException"/>; <see cref="Closed"/> is raised with null.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        HubSession? session;
        Task? reconnectLoop;
        CancellationTokenSource? lifetime;
        bool wasUp;
        lock (_sync)
        {
            if (_state == RealtimeConnectionState.Disconnected)
            {
                return;
            }

            wasUp = _state is RealtimeConnectionState.Connected or RealtimeConnectionState.Reconnecting;
            _state = RealtimeConnectionState.Disconnected;
            session = _session;
            _session = null;
            reconnectLoop = _reconnectLoop;
            _reconnectLoop = null;
            lifetime = _lifetime;
        }

        lifetime?.Cancel();
        if (session is not null)
        {
            await session.CloseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (reconnectLoop is not null)
        {
            await reconnectLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (wasUp)
        {
            Post(() => AsyncEvent.RaiseAsync(Closed, null, nameof(Closed), ReportHandlerError));
        }
    }

    /// <summary>Invokes a hub method and deserializes its result.</summary>
    /// <typeparam name="T">The result's type (a contract record, a number, ...).</typeparam>
    /// <param name="methodName">The hub method, see <see cref="Realtime.Contracts.Hub.HubMethods"/>.</param>
    /// <param name="arguments">The arguments in order; null values are sent as JSON null.</param>
    /// <param name="cancellationToken">Stops waiting for the result; the hub may still run the method.</param>
    /// <exception cref="RealtimeHubException">The hub answered with an error.</exception>
    /// <exception cref="RealtimeConnectionException">Not connected, or the connection was lost before the answer.</exception>
    public Task<T> InvokeAsync<T>(string methodName, object?[] arguments, CancellationToken cancellationToken = default)
        => InvokeCoreAsync(new PendingInvocation<T>((JsonTypeInfo<T>)_json.GetTypeInfo(typeof(T))), methodName, arguments, cancellationToken);

    /// <summary>Invokes a hub method and waits for it to complete, ignoring any result.</summary>
    /// <inheritdoc cref="InvokeAsync{T}(string, object?[], CancellationToken)"/>
    public Task InvokeAsync(string methodName, object?[] arguments, CancellationToken cancellationToken = default)
        => InvokeCoreAsync(new PendingInvocation<object?>(null), methodName, arguments, cancellationToken);

    /// <summary>Sends an invocation that asks for no answer; completes once the record is written.</summary>
    /// <exception cref="RealtimeConnectionException">Not connected, or the connection was lost while sending.</exception>
    public async Task SendAsync(string methodName, object?[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        cancellationToken.ThrowIfCancellationRequested();
        await CurrentSession().SendInvocationAsync(null, methodName, arguments ?? [], _json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers a handler for a hub event; its first argument is deserialized into <typeparamref name="T"/>.</summary>
    /// <returns>Dispose it to unregister the handler.</returns>
    public IDisposable On<T>(string eventName, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var set = GetHandlerSet(eventName);
        var subscription = new EventSubscription<T>(set, handler);
        set.Add(subscription);
        return subscription;
    }

    /// <inheritdoc cref="On{T}(string, Func{T, Task})"/>
    public IDisposable On<T>(string eventName, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var set = GetHandlerSet(eventName);
        var subscription = new EventSubscription<T>(set, handler);
        set.Add(subscription);
        return subscription;
    }

    /// <summary>Stops the connection, delivers <see cref="Closed"/> and ends the event loop.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await StopAsync().ConfigureAwait(false);
        _events.Writer.TryComplete();
        if (EventLoopOwner.Value != this)
        {
            await _eventLoop.ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="callback"/> on the event loop, after every event received so far.</summary>
    internal bool Post(Func<Task> callback)
        => _events.Writer.TryWrite(DispatchItem.ForCallback(callback));

    internal void ReportHandlerError(string eventName, Exception exception)
    {
        try
        {
            _options.HandlerError?.Invoke(eventName, exception);
        }
        catch (Exception)
        {
            // A failing error sink must not stop the event loop.
        }
    }

    void IHubSessionOwner.OnServerInvocation(ReadOnlySpan<char> target, ReadOnlySpan<byte> argument, bool hasArgument)
    {
        if (!_handlersBySpan.TryGetValue(target, out var set) || set.Current.Length == 0)
        {
            return;
        }

        var item = DispatchItem.ForEvent(set, argument, hasArgument);
        if (!_events.Writer.TryWrite(item))
        {
            item.ReturnBuffer();
        }
    }

    void IHubSessionOwner.OnSessionEnded(HubSession session, Exception? reason, bool allowReconnect)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
            if (!allowReconnect || _options.ReconnectPolicy is null || _lifetime is null)
            {
                _state = RealtimeConnectionState.Disconnected;
                Post(() => AsyncEvent.RaiseAsync(Closed, reason, nameof(Closed), ReportHandlerError));
                return;
            }

            _state = RealtimeConnectionState.Reconnecting;
            Post(() => AsyncEvent.RaiseAsync(Reconnecting, reason, nameof(Reconnecting), ReportHandlerError));
            var token = _lifetime.Token;
            _reconnectLoop = Task.Run(() => ReconnectLoopAsync(reason, token));
        }
    }

    private async Task ReconnectLoopAsync(Exception? reason, CancellationToken cancellationToken)
    {
        var policy = _options.ReconnectPolicy!;
        var lastFailure = reason;
        for (var retry = 0; ; retry++)
        {
            if (policy.GetDelay(retry) is not { } delay
                || lastFailure is RealtimeConnectionException { AllowReconnect: false })
            {
                GiveUp(new RealtimeConnectionException(
                    $"Reconnecting to the hub failed after {retry} attempt(s).", lastFailure), cancellationToken);
                return;
            }

            HubSession session;
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }

                session = await HubSession.ConnectAsync(this, _options, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                lastFailure = exception;
                continue;
            }

            var current = false;
            lock (_sync)
            {
                if (_state == RealtimeConnectionState.Reconnecting && !cancellationToken.IsCancellationRequested)
                {
                    current = true;
                    _session = session;
                    _state = RealtimeConnectionState.Connected;
                    _reconnectLoop = null;
                    Post(() => AsyncEvent.RaiseAsync(Reconnected, nameof(Reconnected), ReportHandlerError));
                }
            }

            if (current)
            {
                session.Start();
            }
            else
            {
                await session.CloseAsync().ConfigureAwait(false);
            }

            return;
        }
    }

    private void GiveUp(Exception reason, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_state != RealtimeConnectionState.Reconnecting || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _state = RealtimeConnectionState.Disconnected;
            _reconnectLoop = null;
            Post(() => AsyncEvent.RaiseAsync(Closed, reason, nameof(Closed), ReportHandlerError));
        }
    }

    private async Task<T> InvokeCoreAsync<T>(
        PendingInvocation<T> pending,
        string methodName,
        object?[] arguments,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        cancellationToken.ThrowIfCancellationRequested();
        var session = CurrentSession();
        var invocationId = Interlocked.Increment(ref _nextInvocationId);
        if (!session.TryAddPending(invocationId, pending))
        {
            throw new RealtimeConnectionException("The connection to the hub was lost.");
        }

        try
        {
            using var registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingInvocation)state!).Cancel(token), pending);
            await session.SendInvocationAsync(invocationId, methodName, arguments ?? [], _json, cancellationToken)
                .ConfigureAwait(false);
            return await pending.Task.ConfigureAwait(false);
        }
        finally
        {
            session.RemovePending(invocationId);
        }
    }

    private HubSession CurrentSession()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_sync)
        {
            return _session ?? throw new RealtimeConnectionException(_state == RealtimeConnectionState.Reconnecting
                ? "The connection to the hub is reconnecting."
                : "The connection is not connected to the hub.");
        }
    }

    private EventHandlerSet GetHandlerSet(string eventName)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return _handlers.GetOrAdd(eventName, static name => new EventHandlerSet(name));
    }

    private async Task RunEventLoopAsync()
    {
        EventLoopOwner.Value = this;
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                try
                {
                    if (item.Callback is not null)
                    {
                        await item.Callback().ConfigureAwait(false);
                    }
                    else if (!_disposed)
                    {
                        await DispatchEventAsync(item).ConfigureAwait(false);
                    }
                }
                catch (Exception exception)
                {
                    ReportHandlerError(item.Handlers?.EventName ?? "callback", exception);
                }
                finally
                {
                    item.ReturnBuffer();
                }
            }
        }
    }

    private async Task DispatchEventAsync(DispatchItem item)
    {
        foreach (var subscription in item.Handlers!.Current)
        {
            try
            {
                await subscription.InvokeAsync(item.ArgumentSpan, _json).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                ReportHandlerError(subscription.EventName, exception);
            }
        }
    }
}
