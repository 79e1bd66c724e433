using Realtime.Runtime.Calls;

namespace Realtime.Runtime.Hosting;

/// <summary>A grain type added with <c>AddGrain</c>; applied to the <see cref="GrainInterfaceMap"/> when it is built.</summary>
public sealed record GrainTypeRegistration(Action<GrainInterfaceMap> Apply);
