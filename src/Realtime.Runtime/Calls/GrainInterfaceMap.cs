using System.Collections.Concurrent;
using System.Reflection;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;

namespace Realtime.Runtime.Calls;

/// <summary>
/// The registered grain types: interface to implementation and storage type name, and each
/// interface method by name with a compiled way to await its result.
/// </summary>
public sealed class GrainInterfaceMap
{
    private readonly Dictionary<Type, GrainRegistration> _byInterface = [];
    private readonly Dictionary<string, GrainRegistration> _byInterfaceName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, Func<Task, object?>> ResultReaders = new();

    /// <summary>Creates an empty map.</summary>
    public GrainInterfaceMap()
    {
    }

    /// <summary>Creates the map of the grain types registered with <c>AddGrain</c>.</summary>
    public GrainInterfaceMap(IEnumerable<GrainTypeRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            registration.Apply(this);
        }
    }

    /// <summary>Registers <typeparamref name="TImplementation"/> as the grain behind <typeparamref name="TInterface"/>.</summary>
    public void Add<TInterface, TImplementation>(string typeName)
        where TInterface : class, IGrain
        where TImplementation : Grain, TInterface
    {
        var methods = new Dictionary<string, GrainMethod>(StringComparer.Ordinal);
        // An interface's own methods do not include those it inherits from its base interfaces.
        foreach (var method in typeof(TInterface).GetInterfaces().Prepend(typeof(TInterface)).SelectMany(i => i.GetMethods()))
        {
            if (!typeof(Task).IsAssignableFrom(method.ReturnType))
            {
                throw new InvalidOperationException($"{typeof(TInterface).Name}.{method.Name} must return a Task.");
            }

            if (!methods.TryAdd(method.Name, new GrainMethod(method)))
            {
                throw new InvalidOperationException($"{typeof(TInterface).Name} overloads {method.Name}; grain methods are called by name.");
            }
        }

        var registration = new GrainRegistration(typeName, typeof(TInterface), typeof(TImplementation), methods);
        _byInterface.Add(typeof(TInterface), registration);
        _byInterfaceName.Add(InterfaceName(typeof(TInterface)), registration);
    }

    /// <summary>The stable name a call uses for an interface.</summary>
    public static string InterfaceName(Type type) => type.FullName ?? type.Name;

    internal GrainRegistration Get(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var r)
            ? r
            : throw new InvalidOperationException($"No grain is registered for {grainInterface.Name}.");

    internal GrainRegistration Get(string interfaceName) =>
        _byInterfaceName.TryGetValue(interfaceName, out var r)
            ? r
            : throw new InvalidOperationException($"No grain is registered for {interfaceName}.");

    internal GrainRegistration? FindByTypeName(string typeName) =>
        _byInterface.Values.FirstOrDefault(r => r.TypeName == typeName);

    /// <summary>
    /// The result of a finished task read from its runtime type (null for a plain Task). Calls read
    /// their result with <see cref="GrainMethod.ReadResult"/>, compiled for the declared type; this
    /// is the fallback for a method declared as a plain Task.
    /// </summary>
    internal static object? ReadRuntimeResult(Task completed)
    {
        var type = completed.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var reader = ResultReaders.GetOrAdd(type, static t =>
        {
            var property = t.GetProperty(nameof(Task<object>.Result))!;
            return property.PropertyType.Name == "VoidTaskResult" ? static _ => null : task => property.GetValue(task);
        });
        return reader(completed);
    }
}
