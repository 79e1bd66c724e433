namespace Realtime.Runtime.Calls;

/// <summary>A registered grain type.</summary>
internal sealed record GrainRegistration(string TypeName, Type Interface, Type Implementation, IReadOnlyDictionary<string, GrainMethod> Methods);
