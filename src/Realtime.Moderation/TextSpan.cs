namespace Realtime.Moderation;

/// <summary>A range of UTF-16 code units in the text a caller passed in.</summary>
/// <param name="Start">The index of the first code unit.</param>
/// <param name="Length">How many code units; never zero for a match.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The index just past the last code unit.</summary>
    public int End => Start + Length;

    /// <summary>True when the two spans share at least one code unit or touch.</summary>
    public bool OverlapsOrTouches(TextSpan other) => Start <= other.End && other.Start <= End;
}
