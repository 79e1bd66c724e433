using System.Text;
using System.Text.RegularExpressions;

namespace Realtime.Translation.Text;

/// <summary>
/// Lines not worth translating: emoji, numbers or links only, laughter and "666"-style reactions,
/// and anything with three letters or fewer once those are taken out.
/// </summary>
public static partial class SkipRules
{
    /// <summary>True when <paramref name="text"/> should go out untranslated.</summary>
    public static bool ShouldSkip(string text)
    {
        var withoutLinks = LinkPattern().Replace(text, " ");
        var letters = new StringBuilder(withoutLinks.Length);
        foreach (var rune in withoutLinks.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                letters.Append(rune.ToString());
            }
        }

        if (letters.Length == 0)
        {
            return true;
        }

        var plain = letters.ToString();
        if (plain.EnumerateRunes().Count() <= 3)
        {
            return true;
        }

        return LaughterPattern().IsMatch(plain.ToLowerInvariant());
    }

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    // Laughter and cheering as it is typed across the community's languages.
    [GeneratedRegex(@"^(?:(?:ha|he|hi|ah|ja|je|ka|ks|k|h|x|w|l+o+l+|lmao+|rofl|xd+|哈|呵|嘿|嘻|hhh*|ㅋ|ㅎ|草|笑)+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LaughterPattern();
}
