using System.Reflection;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Calls;

/// <summary>
/// A grain reference: turns each interface call into a <see cref="GrainCall"/> for the router.
/// A call that met a stale or closing activation is retried on a fresh one; that is safe because
/// a refused write changed nothing and grain writes are idempotent by client id.
/// </summary>
/// <remarks>Not sealed: <see cref="DispatchProxy"/> derives the proxy type from it.</remarks>
public class GrainReferenceProxy : DispatchProxy
{
    private const int MaxAttempts = 3;
    private static readonly MethodInfo CallMethod =
        typeof(GrainReferenceProxy).GetMethod(nameof(CallAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private GrainId _id;
    private GrainRegistration _registration = null!;
    private IGrainCallRouter _router = null!;
    private TimeSpan _timeout;

    internal void Initialize(GrainId id, GrainRegistration registration, IGrainCallRouter router, TimeSpan timeout)
    {
        _id = id;
        _registration = registration;
        _router = router;
        _timeout = timeout;
    }

    /// <summary>A copy of this proxy, generated type included, to be initialised as another reference.</summary>
    internal GrainReferenceProxy CopyEmpty() => (GrainReferenceProxy)MemberwiseClone();

    /// <summary>
    /// Starts a call whose task is <c>Task&lt;T&gt;</c> for <paramref name="resultType"/> T, or a
    /// plain Task (its result is null) when there is none.
    /// </summary>
    internal static Func<GrainReferenceProxy, GrainCall, CancellationToken, Task> CreateCaller(Type? resultType) =>
        CallMethod.MakeGenericMethod(resultType ?? typeof(object)).CreateDelegate<Func<GrainReferenceProxy, GrainCall, CancellationToken, Task>>();

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _registration.Methods[targetMethod.Name];

        // The proxy hands every call an array of its own, so the call may keep it.
        var arguments = args ?? [];
        var cancellationToken = CancellationToken.None;
        if (method.CancellationTokenIndex >= 0)
        {
            cancellationToken = (CancellationToken)arguments[method.CancellationTokenIndex]!;
            arguments[method.CancellationTokenIndex] = null;
        }

        var call = new GrainCall(_id, _registration.InterfaceName, targetMethod.Name, arguments);
        return method.Call(this, call, cancellationToken);
    }

    private async Task<T> CallAsync<T>(GrainCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Task<object?>? invocation = null;
            try
            {
                invocation = _router.InvokeAsync(call, cancellationToken);
                return (T)(await invocation.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false))!;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is StorageConflictException or ActivationClosedException)
            {
                // The activation this call met is gone or was stale; the next attempt activates afresh.
            }
            catch (TimeoutException e) when (invocation is not null && invocation.Exception?.InnerException != e)
            {
                // Only our own wait timed out; a TimeoutException the grain threw is its answer.
                throw new GrainCallTimeoutException(call, _timeout, e);
            }
        }
    }
}
