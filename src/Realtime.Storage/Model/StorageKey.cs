namespace Realtime.Storage;

/// <summary>Names one stored thing: a grain's log (type name and grain key), or a shared document such as a cached translation.</summary>
public readonly record struct StorageKey(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
