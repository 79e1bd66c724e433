using System.Buffers;
using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// A cheap look before <see cref="ContactPatterns.Domain"/> runs: a bare domain ends in a dot
/// (<c>.</c>, <c>点</c>, <c>點</c>, a bracketed or spaced <c>dot</c> or <c>punto</c>), at most one
/// space and one of the expression's top-level domains as a whole word. Prices (<c>129.99</c>),
/// sentence ends (<c>wow. </c>) and abbreviations fail it, so most lines skip the expression,
/// which would otherwise try every word as a first label.
/// </summary>
internal static class DomainEndings
{
    // The top-level domains of ContactPatterns.Domain, which are fewer than TopLevelDomains.
    private static readonly FrozenSet<string> Endings = FrozenSet.ToFrozenSet(
        ["com", "net", "org", "cn", "me", "ly", "io", "co", "gl", "tv", "app", "link", "cc", "xyz", "top", "info", "biz", "shop",
         "site", "online", "club", "vip", "es", "mx", "ar", "cl", "pe", "tw", "hk", "uk", "ru", "jp", "kr", "de", "fr", "br", "gg",
         "ws", "page", "live", "fun", "store", "icu", "ai", "im", "gd", "su", "tk"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Endings.GetAlternateLookup<ReadOnlySpan<char>>();

    // The last character of a written dot, or of a bracketed one: "(dot)", "[punto]".
    private static readonly SearchValues<char> DotEnds = SearchValues.Create(".点點)]}>");

    /// <summary>True when some dot in <paramref name="chars"/> is followed by a top-level domain.</summary>
    public static bool MayHold(ReadOnlySpan<char> chars)
    {
        for (var i = chars.IndexOfAny(DotEnds); i >= 0; i = NextIndex(chars, i + 1, chars[(i + 1)..].IndexOfAny(DotEnds)))
        {
            if (EndingAfter(chars, i + 1))
            {
                return true;
            }
        }

        return SpeltDotBeforeEnding(chars, "dot") || SpeltDotBeforeEnding(chars, "punto");
    }

    /// <summary>" dot com", " punto es": the word, a space, then the top-level domain.</summary>
    private static bool SpeltDotBeforeEnding(ReadOnlySpan<char> chars, string dot)
    {
        for (var i = chars.IndexOf(dot, StringComparison.Ordinal); i >= 0; i = NextIndex(chars, i + 1, chars[(i + 1)..].IndexOf(dot, StringComparison.Ordinal)))
        {
            var after = i + dot.Length;
            if (after < chars.Length && char.IsWhiteSpace(chars[after]) && EndingAfter(chars, after + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A top-level domain at <paramref name="start"/>, or after one space there.</summary>
    private static bool EndingAfter(ReadOnlySpan<char> chars, int start) =>
        EndingAt(chars, start) || (start < chars.Length && char.IsWhiteSpace(chars[start]) && EndingAt(chars, start + 1));

    private static int NextIndex(ReadOnlySpan<char> chars, int from, int offset) => offset < 0 ? -1 : from + offset;

    /// <summary>Whether a top-level domain stands as a whole word at <paramref name="start"/>.</summary>
    private static bool EndingAt(ReadOnlySpan<char> chars, int start)
    {
        var end = start;
        while (end < chars.Length && (char.IsAsciiLetterLower(chars[end]) || char.IsAsciiDigit(chars[end])))
        {
            end++;
        }

        return end > start && Lookup.Contains(chars[start..end]);
    }
}
