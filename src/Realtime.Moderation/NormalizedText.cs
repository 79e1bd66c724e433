namespace Realtime.Moderation;

/// <summary>
/// A text in the form terms are matched in (see <see cref="TextNormalizer"/>), with the way back
/// to the original.
/// </summary>
/// <param name="Text">The normalised text.</param>
/// <param name="Origins">
/// <c>Origins[i]</c> is the index in the original text of the character that normalised
/// character <c>i</c> came from (several normalised characters may share one: <c>ﬁ</c> gives
/// <c>fi</c>). One entry more than <see cref="Text"/> has characters: the last is the original length.
/// </param>
public sealed record NormalizedText(string Text, int[] Origins)
{
    /// <summary>
    /// Where each normalised character's original ends: past the code unit (or surrogate pair) it
    /// came from and the invisible marks after it that normalisation dropped. Null means one code unit.
    /// </summary>
    internal int[]? Ends { get; init; }

    /// <summary>The original span of the normalised range starting at <paramref name="start"/>.</summary>
    public TextSpan ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Text.Length);
        var from = Origins[start];
        var last = start + length - 1;
        var end = Ends is null ? Origins[last] + 1 : Ends[last];
        return new TextSpan(from, end - from);
    }
}
