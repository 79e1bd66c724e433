using System.Linq.Expressions;
using System.Reflection;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Calls;

/// <summary>
/// An interface method, where its cancellation token sits, and the compiled delegates a call needs:
/// one that calls the method on a grain with a call's arguments, one that reads a finished turn's
/// result, and one that starts the call from a reference. They are built once per method when the
/// grain type is registered, so a call pays no reflection.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly MethodInfo ReadResultOfMethod =
        typeof(GrainMethod).GetMethod(nameof(ReadResultOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<Task, object?> _readResult;

    public GrainMethod(MethodInfo method)
    {
        Method = method;
        CancellationTokenIndex = Array.FindIndex(method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
        ResultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        Invoke = CompileInvoker(method, CancellationTokenIndex);
        _readResult = ResultType is null
            ? ReadUndeclaredResult
            : ReadResultOfMethod.MakeGenericMethod(ResultType).CreateDelegate<Func<Task, object?>>();
        Call = GrainReferenceProxy.CreateCaller(ResultType);
    }

    public MethodInfo Method { get; }

    public int CancellationTokenIndex { get; }

    public Type? ResultType { get; }

    /// <summary>
    /// Calls the method on a grain with a call's arguments; the token argument is the grain's own,
    /// whatever the call's array holds at that index. Arguments are read as
    /// <see cref="MethodBase.Invoke(object?, object?[])"/> reads them: null is a value type's default.
    /// </summary>
    public Func<Grain, object?[], CancellationToken, Task> Invoke { get; }

    /// <summary>Starts the call from a reference; the task is the method's return type.</summary>
    public Func<GrainReferenceProxy, GrainCall, CancellationToken, Task> Call { get; }

    /// <summary>The result of a finished turn of this method (null for a plain Task).</summary>
    public object? ReadResult(Task completed) => _readResult(completed);

    private static Func<Grain, object?[], CancellationToken, Task> CompileInvoker(MethodInfo method, int cancellationTokenIndex)
    {
        var grain = Expression.Parameter(typeof(Grain), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var token = Expression.Parameter(typeof(CancellationToken), "token");
        var parameters = method.GetParameters();
        var values = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i == cancellationTokenIndex)
            {
                values[i] = token;
                continue;
            }

            var type = parameters[i].ParameterType;
            var argument = Expression.ArrayIndex(arguments, Expression.Constant(i));
            values[i] = type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? Expression.Condition(Expression.Equal(argument, Expression.Constant(null)), Expression.Default(type), Expression.Unbox(argument, type))
                : Expression.Convert(argument, type);
        }

        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, values);
        return Expression.Lambda<Func<Grain, object?[], CancellationToken, Task>>(
            Expression.Convert(call, typeof(Task)), grain, arguments, token).Compile();
    }

    private static object? ReadResultOf<T>(Task completed) => ((Task<T>)completed).Result;

    // A method declared as a plain Task answers null, unless its task is a Task<T> of its own
    // (an async method's is Task<VoidTaskResult>, which also answers null).
    private static object? ReadUndeclaredResult(Task completed) =>
        completed.GetType().IsGenericType ? GrainInterfaceMap.ReadRuntimeResult(completed) : null;
}
