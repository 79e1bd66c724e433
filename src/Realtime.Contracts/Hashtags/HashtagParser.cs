using System.Globalization;
using System.Text;

namespace Realtime.Contracts.Hashtags;

/// <summary>
/// Finds <c>#tags</c> in a note's text and folds them to the key their topic goes by.
/// </summary>
/// <remarks>
/// A tag is <c>#</c> (or the full-width <c>＃</c>) followed by 1-50 letters, combining marks,
/// digits or underscores of any script, with at least one letter; it ends at whitespace,
/// punctuation, a symbol or the next <c>#</c>. The <c>#</c> must start the text or follow
/// something that is not an ASCII letter, digit or a character of a URL's path or query
/// (<c>/ . : ? &amp; = % + ~ @ - _ #</c>), and links (<c>http://</c>, <c>https://</c>, <c>www.</c>) are
/// skipped whole: <c>page#section</c>, <c>issue#42</c>, <c>#123</c> and URL fragments are no tags.
/// Folding: Unicode NFC, full-width ASCII to ASCII, lower case (invariant culture), so
/// <c>#Café</c>, <c>#CAFÉ</c> and <c>#ｃａｆｅ́</c> are one topic.
/// </remarks>
public static class HashtagParser
{
    /// <summary>The longest tag, in Unicode code points.</summary>
    public const int MaxLength = 50;

    /// <summary>How many distinct tags a note contributes at most (the first ones).</summary>
    public const int MaxPerNote = 10;

    private const string UrlCharacters = "/.:?&=%+~@-_#";

    /// <summary>The distinct folded tags of a note, title first, in order of appearance, at most <see cref="MaxPerNote"/>.</summary>
    public static IReadOnlyList<string> Parse(string? title, string? body)
    {
        var found = new List<string>();
        Collect(title, found);
        Collect(body, found);
        return found;
    }

    /// <summary>The distinct folded tags of one text (at most <see cref="MaxPerNote"/>).</summary>
    public static IReadOnlyList<string> Parse(string? text) => Parse(text, null);

    /// <summary>
    /// The folded tag a caller names (with or without a leading <c>#</c>), or null when it is not a
    /// well-formed tag (empty, too long, punctuation or spaces inside, no letter).
    /// </summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength * 4)
        {
            return null;
        }

        string text;
        try
        {
            text = tag.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates.
            return null;
        }

        var start = text.Length > 0 && IsHash(text[0]) ? 1 : 0;
        var end = ScanBody(text, start, out var hasLetter, out var runes);
        return end == text.Length && end > start && hasLetter && runes <= MaxLength ? Fold(text[start..end]) : null;
    }

    private static void Collect(string? text, List<string> found)
    {
        if (string.IsNullOrEmpty(text) || found.Count >= MaxPerNote)
        {
            return;
        }

        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            try
            {
                text = text.Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                return;
            }
        }

        var i = 0;
        while (i < text.Length && found.Count < MaxPerNote)
        {
            if (StartsLink(text, i))
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                continue;
            }

            if (!IsHash(text[i]) || (i > 0 && !MayPrecede(text[i - 1])))
            {
                i++;
                continue;
            }

            var end = ScanBody(text, i + 1, out var hasLetter, out var runes);
            if (end > i + 1 && hasLetter && runes <= MaxLength)
            {
                var tag = Fold(text[(i + 1)..end]);
                if (!found.Contains(tag, StringComparer.Ordinal))
                {
                    found.Add(tag);
                }
            }

            // A tag's end is never the start of another: "#a#b" gives "a" only when "#b" follows a letter.
            i = Math.Max(end, i + 1);
        }
    }

    /// <summary>Where the tag body starting at <paramref name="start"/> ends (exclusive).</summary>
    private static int ScanBody(string text, int start, out bool hasLetter, out int runes)
    {
        hasLetter = false;
        runes = 0;
        var i = start;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            var isLetter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
            var isPart = isLetter || rune.Value == '_' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber;
            if (!isPart)
            {
                break;
            }

            hasLetter |= isLetter;
            runes++;
            i += used;
        }

        return i;
    }

    private static bool IsHash(char c) => c is '#' or '＃';

    private static bool MayPrecede(char c) =>
        !(char.IsAsciiLetterOrDigit(c) || UrlCharacters.Contains(c) || IsHash(c));

    private static bool StartsLink(string text, int i) =>
        (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]))
        && (Matches(text, i, "http://") || Matches(text, i, "https://") || Matches(text, i, "www."));

    private static bool Matches(string text, int i, string prefix) =>
        string.Compare(text, i, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Fold(string body)
    {
        var builder = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            builder.Append(c is >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' or '\uFF3F'
                ? (char)(c - 0xFEE0)
                : c);
        }

        return builder.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }
}
