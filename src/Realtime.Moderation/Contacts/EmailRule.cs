using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// E-mail addresses: <c>name@host.tld</c>, also with a full-width <c>＠</c>, and spelt out
/// (<c>name at gmail dot com</c>, <c>name(at)gmail(dot)com</c>, <c>name arroba gmail punto com</c>,
/// <c>name艾特qq点com</c>). The last label must be a known top-level domain, or, for a plain
/// <c>@</c>, two to six letters; without any dot the host must be a well-known mail provider
/// (<c>name at gmail</c>). A mention (<c>hi @maria</c>) is neither.
/// </summary>
internal static class EmailRule
{
    /// <summary>
    /// The furthest back an address starts from its at sign: a name of 64 characters, 3 spaces,
    /// and for <c>(at)</c> the bracket and a space before the word.
    /// </summary>
    private const int MaxNameLength = 64 + 3 + 2;

    private static readonly FrozenSet<string> Providers = FrozenSet.ToFrozenSet(
        ["gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "qq", "163", "126", "foxmail", "sina", "sohu",
         "proton", "protonmail", "yandex", "aol", "gmx", "msn"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ProviderLookup = Providers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds every e-mail address of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        var marker = FirstMarker(chars);
        if (marker < 0)
        {
            return;
        }

        // No address starts further back than a name's length from the first at sign.
        var position = Math.Max(0, marker - MaxNameLength);
        while (position < chars.Length)
        {
            var next = -1;
            foreach (var match in ContactPatterns.Email().EnumerateMatches(chars, position))
            {
                var end = match.Index + match.Length;
                if (IsAddress(chars[match.Index..end]))
                {
                    found.Add(new ContactMatch(ContactKind.Email, text.ToOriginal(match.Index, end)));
                    next = end;
                }
                else
                {
                    // "me at jenny.smith@gmail.com": the address starts inside the rejected match.
                    next = match.Index + 1;
                }

                break;
            }

            if (next < 0)
            {
                return;
            }

            position = next;
        }
    }

    /// <summary>
    /// A cheap first look: the index of the first at sign or spelling of it that the expression
    /// could take (<c>@</c>, <c>艾特</c>, <c>圈a</c>, <c>at符号</c>, <c>at</c> or <c>arroba</c> not
    /// inside a word), or -1 when there is none and so no address.
    /// </summary>
    private static int FirstMarker(ReadOnlySpan<char> chars)
    {
        var first = Earliest(chars.IndexOf('@'), chars.IndexOf("艾特", StringComparison.Ordinal));
        first = Earliest(first, chars.IndexOf("圈a", StringComparison.Ordinal));
        first = Earliest(first, chars.IndexOf("at符号", StringComparison.Ordinal));
        first = Earliest(first, FirstWord(chars, "at"));
        return Earliest(first, FirstWord(chars, "arroba"));
    }

    /// <summary>The first <paramref name="word"/> in <paramref name="chars"/> with no letter on either side, or -1.</summary>
    private static int FirstWord(ReadOnlySpan<char> chars, string word)
    {
        var from = 0;
        while (true)
        {
            var offset = chars[from..].IndexOf(word, StringComparison.Ordinal);
            if (offset < 0)
            {
                return -1;
            }

            var start = from + offset;
            var end = start + word.Length;
            if ((start == 0 || !char.IsAsciiLetterLower(chars[start - 1])) && (end == chars.Length || !char.IsAsciiLetterLower(chars[end])))
            {
                return start;
            }

            from = start + 1;
        }
    }

    private static int Earliest(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private static bool IsAddress(ReadOnlySpan<char> value)
    {
        var plain = value.Contains('@');
        var labelStart = value.Length;
        while (labelStart > 0 && (char.IsAsciiLetterOrDigit(value[labelStart - 1]) || value[labelStart - 1] == '-'))
        {
            labelStart--;
        }

        var last = value[labelStart..];
        var beforeLast = value[..labelStart].TrimEnd(' ');
        var dotted = beforeLast.EndsWith(".") || beforeLast.EndsWith(")") || beforeLast.EndsWith("]") || beforeLast.EndsWith("}")
            || beforeLast.EndsWith(">") || beforeLast.EndsWith("dot") || beforeLast.EndsWith("punto") || beforeLast.EndsWith("点")
            || beforeLast.EndsWith("點");
        if (!dotted)
        {
            return ProviderLookup.Contains(last);
        }

        if (TopLevelDomains.Contains(last))
        {
            return true;
        }

        return plain && last.Length is >= 2 and <= 6 && IsLetters(last);
    }

    private static bool IsLetters(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
