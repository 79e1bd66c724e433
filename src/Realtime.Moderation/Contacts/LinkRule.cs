using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// Links: URLs with a scheme or <c>www.</c>, and bare domains ending in a known top-level domain
/// (<c>t.me/x</c>, <c>wa.me/34612345678</c>, <c>weixin.qq.com</c>, <c>bit.ly/abc</c>), also with
/// the dot spelt out (<c>t dot me</c>, <c>bit点ly</c>, <c>t。me</c>). Closing punctuation after a
/// link belongs to the sentence, not to the link.
/// </summary>
internal static class LinkRule
{
    private static readonly FrozenSet<string> CommonWords = FrozenSet.ToFrozenSet(
        ["the", "and", "that", "this", "una", "los", "las", "por", "con", "que", "del", "dot", "punto", "one", "its", "his", "her"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> SpeltTopLevelDomains = FrozenSet.ToFrozenSet(
        ["com", "net", "org", "me", "ly", "io", "cn", "co", "es", "mx", "ar"], StringComparer.Ordinal);

    /// <summary>Adds every link of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        if (MayHoldUrl(chars))
        {
            foreach (var match in ContactPatterns.Url().EnumerateMatches(chars))
            {
                Add(text, match.Index, match.Length, found);
            }
        }

        if (!DomainEndings.MayHold(chars))
        {
            return;
        }

        foreach (var match in ContactPatterns.Domain().EnumerateMatches(chars))
        {
            var value = chars.Slice(match.Index, match.Length);
            if (HasLetterLabel(value) && (!SpeltWithWords(value) || PlausibleSpeltDomain(value)))
            {
                Add(text, match.Index, match.Length, found);
            }
        }
    }

    /// <summary>A URL has "//" after its scheme or starts with "www.".</summary>
    private static bool MayHoldUrl(ReadOnlySpan<char> chars) =>
        chars.Contains("//", StringComparison.Ordinal) || chars.Contains("www.", StringComparison.Ordinal);

    private static void Add(in FoldedText text, int start, int length, List<ContactMatch> found)
    {
        var chars = text.Chars;
        var end = start + length;
        while (end > start + 1 && chars[end - 1] is '.' or ',' or ')' or ']' or '!' or '?' or ';' or ':' or '"' or '\'')
        {
            end--;
        }

        found.Add(new ContactMatch(ContactKind.Link, text.ToOriginal(start, end)));
    }

    private static bool SpeltWithWords(ReadOnlySpan<char> value) =>
        value.Contains(" dot ", StringComparison.Ordinal) || value.Contains(" punto ", StringComparison.Ordinal);

    /// <summary>
    /// "a dot com idea", "el punto es que": a dot spelt as a word is taken for a domain only with
    /// a path after it (<c>t dot me/x</c>) or a first label of three letters or more that is not a
    /// common word, before a common top-level domain.
    /// </summary>
    private static bool PlausibleSpeltDomain(ReadOnlySpan<char> value)
    {
        if (value.Contains('/') || value.Contains("slash", StringComparison.Ordinal))
        {
            return true;
        }

        var space = value.IndexOf(' ');
        var first = space < 0 ? value : value[..space];
        var last = value[(value.LastIndexOf(' ') + 1)..];
        return first.Length >= 3 && !CommonWords.Contains(first.ToString()) && SpeltTopLevelDomains.Contains(last.ToString());
    }

    /// <summary>1.5.com or 12.99 are not domains: some label before the top-level domain has a letter.</summary>
    private static bool HasLetterLabel(ReadOnlySpan<char> value)
    {
        var slash = value.IndexOf('/');
        var host = slash < 0 ? value : value[..slash];
        var lastDot = host.LastIndexOfAny('.', '点', '點');
        var labels = lastDot < 0 ? host : host[..lastDot];
        foreach (var c in labels)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        // Spelt-out dots ("t dot me") leave only letters anyway; a host of digits alone is no link.
        return lastDot < 0;
    }
}
