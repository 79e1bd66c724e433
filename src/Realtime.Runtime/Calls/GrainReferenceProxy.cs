using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<Type, Func<Task<object?>, Task>> Casts = new();
    private static readonly MethodInfo CastMethod =
        typeof(GrainReferenceProxy).GetMethod(nameof(CastAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

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

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _registration.Methods[targetMethod.Name];
        var arguments = args is null ? [] : (object?[])args.Clone();
        var cancellationToken = CancellationToken.None;
        if (method.CancellationTokenIndex >= 0)
        {
            cancellationToken = (CancellationToken)arguments[method.CancellationTokenIndex]!;
            arguments[method.CancellationTokenIndex] = null;
        }

        var call = new GrainCall(_id, GrainInterfaceMap.InterfaceName(_registration.Interface), targetMethod.Name, arguments);
        var task = CallAsync(call, cancellationToken);
        return method.ResultType is null
            ? task
            : Casts.GetOrAdd(method.ResultType, static t =>
                CastMethod.MakeGenericMethod(t).CreateDelegate<Func<Task<object?>, Task>>())(task);
    }

    private async Task<object?> CallAsync(GrainCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Task<object?>? invocation = null;
            try
            {
                invocation = _router.InvokeAsync(call, cancellationToken);
                return await invocation.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
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

    private static async Task<T> CastAsync<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
}
