using Realtime.Moderation.Terms;

namespace Realtime.Moderation;

/// <summary>
/// Puts a text (or a term) into the form terms are matched in, keeping where every character came
/// from. In order: traditional Chinese folded to simplified (when a simplifier is available);
/// each character folded (NFKD, accents dropped, NFC, lower case: width, case, ligatures, styled
/// letters); invisible characters dropped; separators inserted to hide a word removed
/// (<c>f.u.c.k</c>, <c>f u c k</c>, <c>傻 逼</c>; a hyphen between two words of two letters or more
/// stays, as in <c>kick-ass</c>); then, inside words that hold a letter, look-alike digits and
/// symbols read as letters (<c>sh1t</c>, <c>a55</c>, <c>$hit</c>, <c>b!tch</c>). A number on its own
/// stays a number, so <c>455</c> never reads as a word and a term of digits such as <c>8964</c>
/// still matches. Terms go through the same steps, so a term written with digits (<c>l33t</c>)
/// matches what it looks like. Thread-safe.
/// </summary>
public sealed class TextNormalizer
{
    private readonly IChineseSimplifier? simplifier;

    /// <param name="simplifier">Traditional-to-simplified folding; null to match traditional and simplified apart.</param>
    public TextNormalizer(IChineseSimplifier? simplifier = null) => this.simplifier = simplifier;

    /// <summary>True when traditional Chinese is folded to simplified.</summary>
    public bool SimplifiesChinese => simplifier is not null;

    /// <summary>Normalises <paramref name="text"/>.</summary>
    public NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new NormalizationBuffer(text.Length);
        Fold(Simplify(text), buffer);
        var joined = SeparatorRemoval.Apply(buffer);
        LookAlikes.Apply(joined);
        return joined.ToNormalizedText(text.Length);
    }

    private string Simplify(string text)
    {
        if (simplifier is null || !HasHan(text))
        {
            return text;
        }

        var simplified = simplifier.Simplify(text);
        return simplified is not null && simplified.Length == text.Length ? simplified : text;
    }

    private static bool HasHan(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u3400')
            {
                return true;
            }
        }

        return false;
    }

    private static void Fold(string text, NormalizationBuffer buffer)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\u0080')
            {
                if (char.IsControl(c))
                {
                    buffer.Attach(i + 1);
                }
                else
                {
                    buffer.Add(char.ToLowerInvariant(c), i, i + 1);
                }
            }
            else if (c is >= '\u3400' and <= '\u9FFF')
            {
                buffer.Add(c, i, i + 1);
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    buffer.AddAll(CharacterFolds.OfPair(c, text[i + 1]), i, i + 2);
                    i++;
                }
                else
                {
                    // A lone surrogate: kept as it is, it matches nothing.
                    buffer.Add(c, i, i + 1);
                }
            }
            else if (CharacterClasses.IsInvisible(c))
            {
                buffer.Attach(i + 1);
            }
            else
            {
                buffer.AddAll(CharacterFolds.Of(c), i, i + 1);
            }
        }
    }
}
