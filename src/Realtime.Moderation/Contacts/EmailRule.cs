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
    private static readonly FrozenSet<string> Providers = FrozenSet.ToFrozenSet(
        ["gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "qq", "163", "126", "foxmail", "sina", "sohu",
         "proton", "protonmail", "yandex", "aol", "gmx", "msn"],
        StringComparer.Ordinal);

    /// <summary>Adds every e-mail address of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        if (!MayHold(chars))
        {
            return;
        }

        var position = 0;
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

    /// <summary>A cheap first look: no e-mail without an at sign or one of its spellings.</summary>
    private static bool MayHold(ReadOnlySpan<char> chars) =>
        chars.Contains('@') || chars.Contains("at", StringComparison.Ordinal) || chars.Contains("arroba", StringComparison.Ordinal)
        || chars.Contains("艾特", StringComparison.Ordinal) || chars.Contains("圈a", StringComparison.Ordinal);

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
            return Providers.Contains(last.ToString());
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
