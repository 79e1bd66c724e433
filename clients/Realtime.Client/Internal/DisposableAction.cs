namespace Realtime.Client.Internal;

/// <summary>Runs an action on the first <see cref="Dispose"/>.</summary>
internal sealed class DisposableAction(Action action) : IDisposable
{
    private Action? _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
