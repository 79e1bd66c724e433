namespace Realtime.Moderation;

/// <summary>Folds traditional Chinese characters into simplified ones before matching.</summary>
public interface IChineseSimplifier
{
    /// <summary>
    /// The text with traditional characters replaced. An answer of another length than the
    /// input is ignored by <see cref="TextNormalizer"/>, which needs positions to line up.
    /// </summary>
    string Simplify(string text);
}
