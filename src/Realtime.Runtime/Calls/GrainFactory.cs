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
        var proxy = DispatchProxy.Create<TGrain, GrainReferenceProxy>();
        ((GrainReferenceProxy)(object)proxy).Initialize(new GrainId(registration.TypeName, key), registration, router, options.Value.CallTimeout);
        return proxy;
    }
}
