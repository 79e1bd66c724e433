namespace Realtime.Moderation.Terms;

/// <summary>
/// Removes the separators people insert between the letters of a word. A run of separators goes
/// when it lies between two Chinese characters (Chinese puts no spaces between words), between two
/// letter-like characters without any white space (<c>f.u.c.k</c>, <c>sh_it</c>) unless it is one
/// hyphen joining two words of two letters or more (<c>kick-ass</c>, <c>covid-19</c>), or inside a
/// chain of three or more single letters (<c>f u c k</c>, <c>s - h - i - t</c>).
/// </summary>
internal static class SeparatorRemoval
{
    public static NormalizationBuffer Apply(NormalizationBuffer source)
    {
        var count = source.Count;
        var result = new NormalizationBuffer(count);
        var chain = SingleLetterChains(source);
        var i = 0;
        while (i < count)
        {
            if (!CharacterClasses.IsSeparator(source[i]))
            {
                result.CopyFrom(source, i);
                i++;
                continue;
            }

            var runEnd = i;
            while (runEnd < count && CharacterClasses.IsSeparator(source[runEnd]))
            {
                runEnd++;
            }

            if (!Removable(source, i, runEnd, chain))
            {
                for (var k = i; k < runEnd; k++)
                {
                    result.CopyFrom(source, k);
                }
            }

            i = runEnd;
        }

        return result;
    }

    private static bool Removable(NormalizationBuffer source, int start, int end, bool[]? chain)
    {
        if (start == 0 || end == source.Count)
        {
            return false;
        }

        var left = source[start - 1];
        var right = source[end];
        if (CharacterClasses.IsCjk(left) && CharacterClasses.IsCjk(right))
        {
            return true;
        }

        if (!CharacterClasses.IsLetterLike(left) || !CharacterClasses.IsLetterLike(right))
        {
            return false;
        }

        if (chain is not null && chain[start])
        {
            return true;
        }

        for (var k = start; k < end; k++)
        {
            if (char.IsWhiteSpace(source[k]))
            {
                return false;
            }
        }

        var hyphen = end - start == 1 && source[start] is '-' or '‐' or '–';
        return !hyphen || WordLength(source, start - 1, -1) < 2 || WordLength(source, end, 1) < 2;
    }

    private static int WordLength(NormalizationBuffer source, int from, int step)
    {
        var length = 0;
        for (var k = from; k >= 0 && k < source.Count && CharacterClasses.IsLetterLike(source[k]); k += step)
        {
            length++;
        }

        return length;
    }

    /// <summary>
    /// Marks the first separator of every gap inside a chain of three or more single letter-like
    /// characters; null when there is none (the common case).
    /// </summary>
    private static bool[]? SingleLetterChains(NormalizationBuffer source)
    {
        bool[]? marks = null;
        var count = source.Count;
        var chainStart = -1;
        var chainLength = 0;
        var i = 0;
        while (i < count)
        {
            if (!IsSingle(source, i))
            {
                i++;
                continue;
            }

            if (chainLength > 0 && GapIsSeparators(source, chainStart, i))
            {
                chainLength++;
            }
            else
            {
                MarkChain(source, ref marks, chainStart, chainLength);
                chainLength = 1;
            }

            chainStart = i;
            i++;
        }

        MarkChain(source, ref marks, chainStart, chainLength);
        return marks;

        static void MarkChain(NormalizationBuffer source, ref bool[]? marks, int last, int length)
        {
            if (length < 3)
            {
                return;
            }

            marks ??= new bool[source.Count];
            var letters = 0;
            for (var k = last; k >= 0 && letters < length; k--)
            {
                if (CharacterClasses.IsSeparator(source[k]))
                {
                    if (!CharacterClasses.IsSeparator(source[k - 1]))
                    {
                        marks[k] = true;
                    }
                }
                else
                {
                    letters++;
                }
            }
        }
    }

    private static bool IsSingle(NormalizationBuffer source, int i) =>
        CharacterClasses.IsLetterLike(source[i])
        && (i == 0 || !CharacterClasses.IsLetterLike(source[i - 1]))
        && (i + 1 == source.Count || !CharacterClasses.IsLetterLike(source[i + 1]));

    /// <summary>True when everything strictly between the previous single at <paramref name="previous"/> and <paramref name="next"/> is a separator.</summary>
    private static bool GapIsSeparators(NormalizationBuffer source, int previous, int next)
    {
        if (next - previous < 2 || next - previous > 4)
        {
            return false;
        }

        for (var k = previous + 1; k < next; k++)
        {
            if (!CharacterClasses.IsSeparator(source[k]))
            {
                return false;
            }
        }

        return true;
    }
}
