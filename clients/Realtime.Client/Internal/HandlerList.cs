namespace Realtime.Client.Internal;

/// <summary>Copy-on-write list of handlers of one typed-client event, called in registration order.</summary>
internal sealed class HandlerList<T>
{
    private readonly Lock _sync = new();
    private readonly string _name;
    private readonly Action<string, Exception> _onError;
    private Func<T, Task>[] _handlers = [];

    public HandlerList(string name, Action<string, Exception> onError)
    {
        _name = name;
        _onError = onError;
    }

    public IDisposable Add(Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_sync)
        {
            _handlers = [.. _handlers, handler];
        }

        return new DisposableAction(() => Remove(handler));
    }

    public async Task InvokeAsync(T value)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                await handler(value).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _onError(_name, exception);
            }
        }
    }

    private void Remove(Func<T, Task> handler)
    {
        lock (_sync)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers.AsSpan(0, index), .. _handlers.AsSpan(index + 1)];
            }
        }
    }
}
