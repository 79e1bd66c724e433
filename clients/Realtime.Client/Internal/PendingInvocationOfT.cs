using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Realtime.Client.Internal;

/// <summary>
/// An invocation whose result is deserialized into <typeparamref name="T"/> straight from the
/// receive buffer. Continuations run asynchronously so that caller code never runs on the receive loop.
/// </summary>
internal sealed class PendingInvocation<T> : PendingInvocation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JsonTypeInfo<T>? _resultType;

    /// <param name="resultType">How to read the result; null ignores it (invocations without a result).</param>
    public PendingInvocation(JsonTypeInfo<T>? resultType) => _resultType = resultType;

    public Task<T> Task => _completion.Task;

    public override void Complete(ReadOnlySpan<byte> result, bool hasResult)
    {
        if (_resultType is null || !hasResult)
        {
            _completion.TrySetResult(default!);
            return;
        }

        try
        {
            _completion.TrySetResult(JsonSerializer.Deserialize(result, _resultType)!);
        }
        catch (JsonException exception)
        {
            _completion.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
