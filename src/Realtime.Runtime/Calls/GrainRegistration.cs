namespace Realtime.Runtime.Calls;

/// <summary>A registered grain type.</summary>
internal sealed record GrainRegistration(string TypeName, Type Interface, Type Implementation, IReadOnlyDictionary<string, GrainMethod> Methods)
{
    /// <summary>The interface's stable name, as calls carry it.</summary>
    public string InterfaceName { get; } = GrainInterfaceMap.InterfaceName(Interface);
}
