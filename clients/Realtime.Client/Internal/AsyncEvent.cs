namespace Realtime.Client.Internal;

/// <summary>Raises <c>Func&lt;..., Task&gt;</c> events: every subscriber in turn, awaited, a failure reported and skipped.</summary>
internal static class AsyncEvent
{
    public static async Task RaiseAsync(Func<Task>? handlers, string name, Action<string, Exception> onError)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                await ((Func<Task>)handler)().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                onError(name, exception);
            }
        }
    }

    public static async Task RaiseAsync<T>(Func<T, Task>? handlers, T argument, string name, Action<string, Exception> onError)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                await ((Func<T, Task>)handler)(argument).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                onError(name, exception);
            }
        }
    }

    public static async Task RaiseAsync<T1, T2>(
        Func<T1, T2, Task>? handlers, T1 first, T2 second, string name, Action<string, Exception> onError)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                await ((Func<T1, T2, Task>)handler)(first, second).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                onError(name, exception);
            }
        }
    }
}
