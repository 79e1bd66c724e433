namespace Realtime.Client.Internal;

/// <summary>An invocation waiting for its completion.</summary>
internal abstract class PendingInvocation
{
    /// <summary>Completes with the raw JSON of <c>result</c> (empty when the completion had none).</summary>
    public abstract void Complete(ReadOnlySpan<byte> result, bool hasResult);

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken cancellationToken);
}
