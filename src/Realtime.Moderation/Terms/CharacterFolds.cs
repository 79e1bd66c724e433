using System.Text;

namespace Realtime.Moderation.Terms;

/// <summary>
/// The fold of one character for matching: compatibility decomposition (NFKD: width, ligatures,
/// circled and styled letters), accents dropped, recomposed (NFC, so kana and Hangul keep their
/// marks) and lower-cased. Dropping accents goes beyond NFKC on purpose: Spanish is often typed
/// without them (<c>maricon</c> for <c>maricón</c>). Each BMP character is computed once and kept.
/// </summary>
internal static class CharacterFolds
{
    private static readonly string?[] Cache = new string?[char.MaxValue + 1];

    /// <summary>The folded form of a BMP character that is not a surrogate; empty when it folds to nothing.</summary>
    public static string Of(char c)
    {
        var cached = Volatile.Read(ref Cache[c]);
        if (cached is not null)
        {
            return cached;
        }

        cached = Compute(c.ToString());
        Volatile.Write(ref Cache[c], cached);
        return cached;
    }

    /// <summary>The folded form of a surrogate pair (mathematical letters, emoji); not cached.</summary>
    public static string OfPair(char high, char low) => Compute(string.Concat(high.ToString(), low.ToString()));

    private static string Compute(string value)
    {
        string decomposed;
        try
        {
            decomposed = value.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // Not a valid code point (a noncharacter the normaliser refuses): leave it alone.
            return value;
        }

        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (!CharacterClasses.IsInvisible(c))
            {
                kept.Append(c);
            }
        }

        var recomposed = kept.ToString();
        try
        {
            recomposed = recomposed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Keep the decomposed form.
        }

        return recomposed.ToLowerInvariant();
    }
}
