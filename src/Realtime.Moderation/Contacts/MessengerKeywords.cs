using System.Buffers;
using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// The keywords of <see cref="ContactPatterns.MessengerAt"/>, for a cheap look before the
/// expression runs: it is tried only where one of them starts. Chinese text is full of
/// <c>微</c> and <c>加</c>, English text of words starting like <c>line</c> or <c>v</c>; a test of a
/// few characters rules most of them out, where the expression would walk its whole
/// connector for each.
/// </summary>
internal static class MessengerKeywords
{
    /// <summary>The furthest an id can start after a keyword's first character: a keyword of at
    /// most nine characters, a connector of at most eight pieces of at most five
    /// (<c>live:</c>), an <c>@</c>.</summary>
    private const int IdReach = 9 + (8 * 5) + 1 + 1;

    // The ASCII alternatives of the expression: whole words, so not after a letter or digit and
    // not before a letter. "whats\s?app" is probed by its first word, which any spacing keeps.
    private static readonly string[] Words =
    [
        "wechat", "weixin", "vx", "wx", "v", "qq", "telegram", "tg", "whatsapp", "whats app", "whatsap", "wsp", "wasap", "guasap",
        "wa", "line", "signal", "kakao", "kik", "snapchat", "snap", "instagram", "insta", "ig", "discord", "skype", "facebook",
        "fb", "weibo", "douyin", "tiktok", "add me on", "add me", "agrégame", "agregame", "escríbeme", "escribeme", "búscame",
        "buscame",
    ];

    // The other alternatives: anywhere, whatever surrounds them.
    private static readonly string[] Chinese =
    [
        "微信", "威信", "薇信", "徽信", "危信", "维信", "維信", "v信", "微x", "加v", "加微", "加薇", "加威", "微", "薇", "扣扣", "企鹅",
        "企鵝", "电报", "電報", "纸飞机", "紙飛機", "飞机", "飛機", "加赖", "加賴", "赖", "賴", "加我", "微博", "抖音", "快手", "小红书",
        "小紅書",
    ];

    /// <summary>The words by their first character; "whats app" probed as "whats", see <see cref="Words"/>.</summary>
    private static readonly FrozenDictionary<char, string[]> WordsByFirst = ByFirst(Words.Select(w => w == "whats app" ? "whats" : w));

    /// <summary>The Chinese keywords by their first character.</summary>
    private static readonly FrozenDictionary<char, string[]> ChineseByFirst = ByFirst(Chinese);

    /// <summary>Every keyword, longest first, so that a prefix test finds the whole one.</summary>
    private static readonly string[] Longest = [.. Words.Concat(Chinese).OrderByDescending(k => k.Length)];

    /// <summary>The characters a keyword starts with.</summary>
    private static readonly SearchValues<char> FirstChars = SearchValues.Create([.. Words.Concat(Chinese).Select(k => k[0]).Distinct()]);

    /// <summary>The characters an id starts with.</summary>
    private static readonly SearchValues<char> IdFirstChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The next index from <paramref name="start"/> on where a keyword may start with an id after it, or -1.</summary>
    public static int NextCandidate(ReadOnlySpan<char> chars, int start)
    {
        var i = start;
        while (i < chars.Length)
        {
            var offset = chars[i..].IndexOfAny(FirstChars);
            if (offset < 0)
            {
                return -1;
            }

            i += offset;
            var shortest = ShortestAt(chars, i);
            if (shortest > 0 && IdMayFollow(chars, i + shortest, i + IdReach))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>The keyword a match of the expression starts with.</summary>
    public static string At(ReadOnlySpan<char> match)
    {
        foreach (var keyword in Longest)
        {
            if (match.StartsWith(keyword, StringComparison.Ordinal))
            {
                return keyword;
            }
        }

        // "whats  app" and the like: the expression is looser than the list; the first letter stands for it.
        return match[..1].ToString();
    }

    /// <summary>The length of the shortest keyword that may start at <paramref name="index"/>, or 0.</summary>
    private static int ShortestAt(ReadOnlySpan<char> chars, int index)
    {
        var rest = chars[index..];
        var shortest = 0;
        if ((index == 0 || !IsLetterOrDigit(chars[index - 1])) && WordsByFirst.TryGetValue(rest[0], out var words))
        {
            foreach (var word in words)
            {
                if (rest.StartsWith(word, StringComparison.Ordinal) && (rest.Length == word.Length || !char.IsAsciiLetterLower(rest[word.Length])))
                {
                    shortest = Shorter(shortest, word.Length);
                }
            }
        }

        if (ChineseByFirst.TryGetValue(rest[0], out var keywords))
        {
            foreach (var keyword in keywords)
            {
                if (rest.StartsWith(keyword, StringComparison.Ordinal))
                {
                    shortest = Shorter(shortest, keyword.Length);
                }
            }
        }

        return shortest;
    }

    private static int Shorter(int shortest, int length) => shortest == 0 ? length : Math.Min(shortest, length);

    private static FrozenDictionary<char, string[]> ByFirst(IEnumerable<string> keywords) =>
        keywords.GroupBy(k => k[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    private static bool IdMayFollow(ReadOnlySpan<char> chars, int from, int to) =>
        from < chars.Length && chars[from..Math.Min(chars.Length, to)].ContainsAny(IdFirstChars);

    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
