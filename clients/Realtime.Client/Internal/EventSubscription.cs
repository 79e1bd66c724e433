using System.Text.Json;

namespace Realtime.Client.Internal;

/// <summary>One handler registered with <see cref="RealtimeConnection.On{T}(string, Func{T, Task})"/>;
/// disposing it unregisters the handler.</summary>
internal abstract class EventSubscription : IDisposable
{
    private readonly EventHandlerSet _set;

    protected EventSubscription(EventHandlerSet set) => _set = set;

    public string EventName => _set.EventName;

    /// <summary>Deserializes the event's first argument (raw JSON, empty when absent) and calls the handler.</summary>
    public abstract Task InvokeAsync(ReadOnlySpan<byte> argument, JsonSerializerOptions options);

    public void Dispose() => _set.Remove(this);
}
