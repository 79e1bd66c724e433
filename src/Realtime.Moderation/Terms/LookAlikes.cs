namespace Realtime.Moderation.Terms;

/// <summary>
/// Reads look-alike digits and symbols as letters inside words that hold a letter: <c>sh1t</c>,
/// <c>a55</c>, <c>5h1t</c>, <c>$hit</c>, <c>@ss</c>. A symbol counts only when a letter or digit
/// follows it, so <c>hello!</c> keeps its exclamation mark; a word of digits alone stays a number.
/// </summary>
internal static class LookAlikes
{
    public static void Apply(NormalizationBuffer text)
    {
        var i = 0;
        while (i < text.Count)
        {
            if (!CharacterClasses.IsLetterLike(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            var hasLetter = false;
            while (end < text.Count && CharacterClasses.IsLetterLike(text[end]))
            {
                hasLetter |= char.IsLetter(text[end]);
                end++;
            }

            if (hasLetter)
            {
                for (var k = i; k < end; k++)
                {
                    var c = text[k];
                    if (CharacterClasses.IsLookAlikeSymbol(c) && (k + 1 == end || !CharacterClasses.IsWordChar(text[k + 1])))
                    {
                        continue;
                    }

                    text[k] = CharacterClasses.LookAlike(c);
                }
            }

            i = end;
        }
    }
}
