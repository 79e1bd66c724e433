namespace Realtime.Moderation.Contacts;

/// <summary>
/// Phone numbers: runs of digits (any script, after folding) joined by at most three separators
/// at a time (space, dash, dot, brackets, slash, underscore, asterisk, tilde), optionally after
/// <c>+</c>. A run is a phone when it is a Chinese mobile (11 digits, <c>1[3-9]</c>, optionally
/// after 86/0086), international (<c>+</c> or <c>00</c> and 8 to 15 digits), or 9 to 13 digits;
/// 7 or 8 digits only when a phone label comes just before (<c>电话</c>, <c>call</c>,
/// <c>llámame</c>). A run is not a phone when it is labelled as an order, parcel, room or code
/// number, priced, followed by a unit, shaped like a date, a timestamp or an IP address, glued to
/// a word (<c>sf1234567890</c>), or made of one or two repeated digits or a counting sequence
/// (<c>666666666</c>, <c>123456789</c>) unless a phone label vouches for it.
/// </summary>
internal static class PhoneRule
{
    private const int MaxGroups = 16;
    private const int LabelWindow = 24;

    /// <summary>Adds every phone number of <paramref name="text"/> to <paramref name="found"/>.</summary>
    public static void Find(in FoldedText text, List<ContactMatch> found)
    {
        var chars = text.Chars;
        Span<int> groups = stackalloc int[MaxGroups];
        Span<char> digits = stackalloc char[16];
        var i = 0;
        while (i < chars.Length)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var end = Scan(chars, start, groups, digits, out var count, out var groupCount, out var separators);
            i = end;
            if (count < 7 || count > 15)
            {
                continue;
            }

            var spanStart = start;
            if (spanStart > 0 && chars[spanStart - 1] == '(')
            {
                spanStart--;
            }

            var international = false;
            if (spanStart > 0 && chars[spanStart - 1] == '+')
            {
                international = true;
                spanStart--;
                if (spanStart > 0 && chars[spanStart - 1] == '(')
                {
                    spanStart--;
                }
            }

            var number = digits[..Math.Min(count, digits.Length)];
            international |= number.StartsWith("00");
            if (IsPhone(chars, spanStart, end, number, groups[..Math.Min(groupCount, MaxGroups)], separators, international))
            {
                found.Add(new ContactMatch(ContactKind.Phone, text.ToOriginal(spanStart, end)));
            }
        }
    }

    private static int Scan(ReadOnlySpan<char> chars, int start, Span<int> groups, Span<char> digits, out int count, out int groupCount, out string separators)
    {
        count = 0;
        groupCount = 0;
        var current = 0;
        var separatorKinds = 0;
        char firstSeparator = '\0';
        var i = start;
        var end = start;
        while (i < chars.Length)
        {
            var c = chars[i];
            if (char.IsAsciiDigit(c))
            {
                if (count < digits.Length)
                {
                    digits[count] = c;
                }

                count++;
                current++;
                i++;
                end = i;
                continue;
            }

            // A gap of up to three separators continues the run when a digit follows it.
            var gap = 0;
            while (i + gap < chars.Length && gap < 4 && IsSeparator(chars[i + gap]))
            {
                gap++;
            }

            if (gap == 0 || gap > 3 || i + gap >= chars.Length || !char.IsAsciiDigit(chars[i + gap]))
            {
                break;
            }

            if (groupCount < groups.Length)
            {
                groups[groupCount] = current;
            }

            groupCount++;
            current = 0;
            var kind = chars[i] == ' ' && gap > 1 ? chars[i + 1] : chars[i];
            if (firstSeparator == '\0')
            {
                firstSeparator = kind;
                separatorKinds = 1;
            }
            else if (kind != firstSeparator)
            {
                separatorKinds = 2;
            }

            i += gap;
        }

        if (groupCount < groups.Length)
        {
            groups[groupCount] = current;
        }

        groupCount++;
        separators = separatorKinds switch
        {
            0 => string.Empty,
            1 => firstSeparator.ToString(),
            _ => "mixed",
        };
        return end;
    }

    private static bool IsPhone(ReadOnlySpan<char> chars, int start, int end, ReadOnlySpan<char> number, ReadOnlySpan<int> groups, string separators, bool international)
    {
        if (GluedToWord(chars, start, end))
        {
            return false;
        }

        var before = chars[Math.Max(0, start - LabelWindow)..start];
        if (ContactPatterns.NumberLabelBefore().IsMatch(before) || ContactPatterns.PriceBefore().IsMatch(before))
        {
            return false;
        }

        if (ContactPatterns.UnitAfter().IsMatch(chars[end..Math.Min(chars.Length, end + 12)]))
        {
            return false;
        }

        if (LooksLikeDate(number, groups, separators) || LooksLikeAddress(number, groups, separators) || LooksLikeList(number, groups))
        {
            return false;
        }

        var labelled = ContactPatterns.PhoneLabelBefore().IsMatch(before);
        if (!labelled && IsNoise(number))
        {
            return false;
        }

        var count = number.Length;
        if (IsChineseMobile(number))
        {
            return true;
        }

        if (international)
        {
            // Eight digits at least after the prefix: "+" is not in the number, "00" is.
            return (number.StartsWith("00") ? count - 2 : count) >= 8;
        }

        if (count >= 9 && count <= 13)
        {
            return labelled || !LooksLikeTimestamp(number, separators);
        }

        return labelled && count <= 8;
    }

    private static bool IsChineseMobile(ReadOnlySpan<char> number)
    {
        var national = number;
        if (national.Length == 15 && national.StartsWith("0086"))
        {
            national = national[4..];
        }
        else if (national.Length == 13 && national.StartsWith("86"))
        {
            national = national[2..];
        }

        return national.Length == 11 && national[0] == '1' && national[1] >= '3';
    }

    private static bool GluedToWord(ReadOnlySpan<char> chars, int start, int end)
    {
        var before = start > 0 ? chars[start - 1] : ' ';
        if (char.IsAsciiLetterLower(before) || before is '#' or '@' or '/' or '=' or '&' or '?')
        {
            return true;
        }

        if (before is '-' or '_' && start > 1 && char.IsAsciiLetterOrDigit(chars[start - 2]))
        {
            return true;
        }

        var after = end < chars.Length ? chars[end] : ' ';
        return char.IsAsciiLetterLower(after) || after is '/' or '@' or '%';
    }

    private static bool LooksLikeDate(ReadOnlySpan<char> number, ReadOnlySpan<int> groups, string separators)
    {
        if (groups.Length < 3 || separators.Length != 1 || separators[0] is not ('-' or '/' or '.'))
        {
            return false;
        }

        // 2026-12-04, 2026/12/4, 04.12.2026, 4/12/2026, 12/4/2026, possibly followed by a time.
        var first = Value(number, 0, groups[0]);
        var second = Value(number, groups[0], groups[1]);
        var third = Value(number, groups[0] + groups[1], groups[2]);
        if (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2)
        {
            return second is >= 1 and <= 12 && third is >= 1 and <= 31;
        }

        if (groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
        {
            return first is >= 1 and <= 31 && second is >= 1 and <= 31 && (first <= 12 || second <= 12);
        }

        return false;
    }

    private static bool LooksLikeAddress(ReadOnlySpan<char> number, ReadOnlySpan<int> groups, string separators)
    {
        // 192.168.100.200.
        if (groups.Length != 4 || separators != ".")
        {
            return false;
        }

        var offset = 0;
        foreach (var group in groups)
        {
            if (group > 3 || Value(number, offset, group) > 255)
            {
                return false;
            }

            offset += group;
        }

        return true;
    }

    private static bool LooksLikeList(ReadOnlySpan<char> number, ReadOnlySpan<int> groups)
    {
        // Lottery draws: six or more pairs of digits.
        var pairs = groups.Length >= 6;
        foreach (var group in groups)
        {
            pairs &= group == 2;
        }

        if (pairs)
        {
            return true;
        }

        // Sizes and counts in steps: 36 37 38 39 40, 100 200 300 400, 10 20 30 40.
        if (groups.Length < 4)
        {
            return false;
        }

        var offset = 0;
        var previous = -1;
        var step = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] > 4)
            {
                return false;
            }

            var value = Value(number, offset, groups[i]);
            offset += groups[i];
            if (i == 1)
            {
                step = value - previous;
            }
            else if (i > 1 && value - previous != step)
            {
                return false;
            }

            previous = value;
        }

        return step != 0;
    }

    private static int Value(ReadOnlySpan<char> number, int offset, int length)
    {
        var value = 0;
        for (var i = offset; i < offset + length && i < number.Length; i++)
        {
            value = (value * 10) + (number[i] - '0');
        }

        return value;
    }

    private static bool LooksLikeTimestamp(ReadOnlySpan<char> number, string separators)
    {
        if (separators.Length != 0 || number.Length < 8 || !(number.StartsWith("19") || number.StartsWith("20")))
        {
            return false;
        }

        var month = ((number[4] - '0') * 10) + (number[5] - '0');
        var day = ((number[6] - '0') * 10) + (number[7] - '0');
        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    private static bool IsNoise(ReadOnlySpan<char> number)
    {
        // 666666666, 2333333333, 8888 8888 (laughter, applause, emphasis).
        var seen = 0;
        foreach (var c in number)
        {
            seen |= 1 << (c - '0');
        }

        if (int.PopCount(seen) <= 2)
        {
            return true;
        }

        // 123456789, 9876543210, 1 2 3 4 5 6 7 8 9 10 (counting).
        return "123456789101112131415".AsSpan().StartsWith(number)
            || "0123456789".AsSpan().StartsWith(number)
            || "9876543210".AsSpan().StartsWith(number)
            || "10987654321".AsSpan().StartsWith(number);
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '_' or '*' or '~' or '\t';
}
