using System.Reflection;

namespace Realtime.Runtime.Calls;

/// <summary>An interface method and where its cancellation token sits.</summary>
internal sealed class GrainMethod(MethodInfo method)
{
    public MethodInfo Method { get; } = method;

    public int CancellationTokenIndex { get; } =
        Array.FindIndex(method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));

    public Type? ResultType { get; } = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
}
