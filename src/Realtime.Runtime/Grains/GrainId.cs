namespace Realtime.Runtime.Grains;

/// <summary>Identifies one grain: its type name (stable, used in storage and placement) and key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
