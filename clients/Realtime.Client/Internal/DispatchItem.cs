using System.Buffers;

namespace Realtime.Client.Internal;

/// <summary>
/// One entry of a connection's event loop: an event (its handlers and the first argument copied
/// into a pooled array) or a callback such as a lifecycle notification.
/// </summary>
internal readonly struct DispatchItem
{
    private DispatchItem(EventHandlerSet? handlers, byte[]? argument, int length, Func<Task>? callback)
    {
        Handlers = handlers;
        Argument = argument;
        Length = length;
        Callback = callback;
    }

    public EventHandlerSet? Handlers { get; }

    /// <summary>The pooled copy of the first argument; null when the event had no argument.</summary>
    public byte[]? Argument { get; }

    public int Length { get; }

    public Func<Task>? Callback { get; }

    public ReadOnlySpan<byte> ArgumentSpan => Argument is null ? default : Argument.AsSpan(0, Length);

    public static DispatchItem ForEvent(EventHandlerSet handlers, ReadOnlySpan<byte> argument, bool hasArgument)
    {
        if (!hasArgument)
        {
            return new DispatchItem(handlers, null, 0, null);
        }

        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(argument.Length, 1));
        argument.CopyTo(copy);
        return new DispatchItem(handlers, copy, argument.Length, null);
    }

    public static DispatchItem ForCallback(Func<Task> callback) => new(null, null, 0, callback);

    public void ReturnBuffer()
    {
        if (Argument is not null)
        {
            ArrayPool<byte>.Shared.Return(Argument);
        }
    }
}
