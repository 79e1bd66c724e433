using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// Messenger handles: a messenger's name, alias or homophone (<c>微信</c>, <c>薇信</c>,
/// <c>vx</c>, <c>扣扣</c>, <c>tg</c>, <c>飞机</c>, <c>wasap</c>, <c>賴</c>, <c>add me on</c>)
/// followed by an id. Ordinary words follow these names all the time (<c>line at the store</c>,
/// <c>微笑</c>, <c>坐飞机去</c>), so the id must look like one: it holds a digit or an underscore,
/// or starts with <c>@</c>, or it is a word of four letters or more that a Chinese keyword or an
/// explicit <c>:</c>, <c>号</c>, <c>id</c>, <c>=</c> introduces. A bare number must have at least
/// five digits (QQ's shortest). The one-letter or one-character aliases (<c>v</c>, <c>微</c>,
/// <c>薇</c>, <c>赖</c>) and the ordinary words (<c>line</c>, <c>wa</c>, <c>飞机</c>,
/// <c>加我</c>) need an id with a digit, an underscore or an <c>@</c>.
/// </summary>
internal static class MessengerRule
{
    private static readonly FrozenSet<string> Weak = FrozenSet.ToFrozenSet(
        ["v", "微", "薇", "赖", "賴", "line", "wa", "snap", "signal", "ig", "insta", "fb", "飞机", "飛機", "加我", "add me", "add me on", "kik", "快手", "tg"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotIds = FrozenSet.ToFrozenSet(
        ["call", "chat", "group", "video", "voice", "pay", "link", "number", "please", "thanks", "gracias", "hola", "hello",
         "okay", "also", "only", "soon", "later", "free", "store", "this", "that", "with", "from", "here", "there", "what",
         "when", "para", "porque", "pero", "como", "cuando", "donde", "moments", "business", "web", "desktop", "status",
         "stories", "story", "live", "account", "cuenta", "grupo", "llamada", "mensaje", "message", "messages", "app"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotIdLookup = NotIds.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds every messenger id of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        var position = MessengerKeywords.NextCandidate(chars, 0);
        while (position >= 0)
        {
            // Without an accepted match, another keyword may start inside this one ("加我line: shop8899").
            var next = position + 1;
            foreach (var match in ContactPatterns.MessengerAt().EnumerateMatches(chars, position))
            {
                var end = match.Index + match.Length;
                var keyword = MessengerKeywords.At(chars[match.Index..end]);
                var idStart = Math.Max(match.Index + keyword.Length, IdStart(chars, match.Index, end));
                var connector = chars[(match.Index + keyword.Length)..idStart];
                var id = TrimId(chars[idStart..end], out var trimmed);
                if (IsId(keyword, connector, id))
                {
                    found.Add(new ContactMatch(ContactKind.Messenger, text.ToOriginal(match.Index, end - trimmed)));
                    next = end;
                }

                break;
            }

            position = MessengerKeywords.NextCandidate(chars, next);
        }
    }

    private static int IdStart(ReadOnlySpan<char> chars, int start, int end)
    {
        var i = end;
        while (i > start && IsIdChar(chars[i - 1]))
        {
            i--;
        }

        if (i > start && chars[i - 1] == '@')
        {
            i--;
        }

        return i;
    }

    private static ReadOnlySpan<char> TrimId(ReadOnlySpan<char> id, out int trimmed)
    {
        var length = id.Length;
        while (length > 0 && id[length - 1] is '.' or '-')
        {
            length--;
        }

        trimmed = id.Length - length;
        return id[..length];
    }

    private static bool IsId(string keyword, ReadOnlySpan<char> connector, ReadOnlySpan<char> id)
    {
        // 微笑 abc123: a one-character alias must be followed by its id, not by more Chinese
        // (other than 是, 号: 我的賴是 happy_mei1).
        if (keyword.Length == 1 && !char.IsAscii(keyword[0]) && HasCjkWord(connector))
        {
            return false;
        }

        var handle = id.Length > 0 && id[0] == '@';
        var body = handle ? id[1..] : id;
        if (body.Length < 3)
        {
            return false;
        }

        var digits = 0;
        var letters = 0;
        var underscore = false;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else if (c == '_')
            {
                underscore = true;
            }
        }

        if (letters == 0 && !underscore)
        {
            return digits >= 5;
        }

        if (handle || underscore || (digits > 0 && body.Length >= 4))
        {
            return true;
        }

        if (digits > 0 || body.Length < 4 || NotIdLookup.Contains(body))
        {
            return false;
        }

        // A plain word: only after a strong keyword that is Chinese or introduces it explicitly.
        if (Weak.Contains(keyword))
        {
            return false;
        }

        return !char.IsAscii(keyword[0]) || connector.IndexOfAny(":=号號") >= 0 || connector.IndexOf("id") >= 0;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-';

    private static bool HasCjkWord(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' and not ('是' or '号' or '號' or '为' or '為' or '搜'))
            {
                return true;
            }
        }

        return false;
    }
}
