using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Realtime.Client.Internal;

/// <summary>A handler of an event whose first argument is a <typeparamref name="T"/>.</summary>
internal sealed class EventSubscription<T> : EventSubscription
{
    private readonly Func<T, Task>? _asyncHandler;
    private readonly Action<T>? _handler;
    private JsonTypeInfo<T>? _type;

    public EventSubscription(EventHandlerSet set, Func<T, Task> handler)
        : base(set) => _asyncHandler = handler;

    public EventSubscription(EventHandlerSet set, Action<T> handler)
        : base(set) => _handler = handler;

    public override Task InvokeAsync(ReadOnlySpan<byte> argument, JsonSerializerOptions options)
    {
        var value = default(T);
        if (!argument.IsEmpty)
        {
            _type ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            value = JsonSerializer.Deserialize(argument, _type);
        }

        if (_asyncHandler is not null)
        {
            return _asyncHandler(value!);
        }

        _handler!(value!);
        return Task.CompletedTask;
    }
}
