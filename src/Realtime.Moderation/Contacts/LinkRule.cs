namespace Realtime.Moderation.Contacts;

/// <summary>
/// Links: URLs with a scheme or <c>www.</c>, and bare domains ending in a known top-level domain
/// (<c>t.me/x</c>, <c>wa.me/34612345678</c>, <c>weixin.qq.com</c>, <c>bit.ly/abc</c>), also with
/// the dot spelt out (<c>t dot me</c>, <c>bit点ly</c>, <c>t。me</c>). Closing punctuation after a
/// link belongs to the sentence, not to the link.
/// </summary>
internal static class LinkRule
{
    /// <summary>Adds every link of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        foreach (var match in ContactPatterns.Url().EnumerateMatches(chars))
        {
            Add(text, match.Index, match.Length, found);
        }

        if (!MayHoldDomain(chars))
        {
            return;
        }

        foreach (var match in ContactPatterns.Domain().EnumerateMatches(chars))
        {
            if (HasLetterLabel(chars.Slice(match.Index, match.Length)))
            {
                Add(text, match.Index, match.Length, found);
            }
        }
    }

    private static bool MayHoldDomain(ReadOnlySpan<char> chars) =>
        chars.Contains('.') || chars.Contains("dot", StringComparison.Ordinal) || chars.Contains("punto", StringComparison.Ordinal)
        || chars.Contains('点') || chars.Contains('點');

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
