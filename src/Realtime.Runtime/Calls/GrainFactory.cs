using System.Reflection;
using Microsoft.Extensions.Options;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;

namespace Realtime.Runtime.Calls;

/// <summary>Creates grain references that route calls through <see cref="IGrainCallRouter"/>.</summary>
public sealed class GrainFactory(GrainInterfaceMap map, IGrainCallRouter router, IOptions<RuntimeOptions> options) : IGrainFactory
{
    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var registration = map.Get(typeof(TGrain));
        var proxy = ProxyTemplate<TGrain>.Instance is { } template
            ? template.CopyEmpty()
            : (GrainReferenceProxy)(object)DispatchProxy.Create<TGrain, GrainReferenceProxy>();
        proxy.Initialize(new GrainId(registration.TypeName, key), registration, router, options.Value.CallTimeout);
        return (TGrain)(object)proxy;
    }

    /// <summary>
    /// One proxy of <typeparamref name="TGrain"/>'s generated type, copied for each reference.
    /// <see cref="DispatchProxy.Create{T, TProxy}"/> takes a global lock and runs the generated
    /// constructor through reflection on every call; a copy is a plain allocation. Copying is only
    /// used when the generated type adds no state of its own beyond the method table it shares
    /// across all its instances; otherwise every reference is created the documented way.
    /// </summary>
    private static class ProxyTemplate<TGrain> where TGrain : class, IGrain
    {
        public static readonly GrainReferenceProxy? Instance = Create();

        private static GrainReferenceProxy? Create()
        {
            try
            {
                var proxy = (GrainReferenceProxy)(object)DispatchProxy.Create<TGrain, GrainReferenceProxy>();
                var ownFields = proxy.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
                return ownFields.All(f => f.FieldType == typeof(MethodInfo[])) ? proxy : null;
            }
            catch (ArgumentException)
            {
                // Not a proxiable interface: GetGrain reports it the documented way.
                return null;
            }
        }
    }
}
