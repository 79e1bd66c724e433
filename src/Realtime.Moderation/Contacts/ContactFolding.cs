namespace Realtime.Moderation.Contacts;

/// <summary>
/// The character table behind <see cref="FoldedText"/>: every way of writing a digit becomes an
/// ASCII digit (full-width, Chinese and financial numerals, circled and keycap digits), Latin
/// letters become lower-case ASCII, full-width punctuation becomes ASCII, and invisible characters
/// (zero-width, variation selectors, the keycap mark) are dropped. One entry per BMP code unit, so
/// folding is a look-up per character.
/// </summary>
internal static class ContactFolding
{
    /// <summary>The folded form of a code unit dropped from the folded text.</summary>
    public const char Drop = '\0';

    private static readonly char[] Table = Build();

    /// <summary>The folded form of <paramref name="c"/>, or <see cref="Drop"/>.</summary>
    public static char Fold(char c) => Table[c];

    /// <summary>The ASCII digit of a mathematical digit (<c>𝟏</c>, U+1D7CE..U+1D7FF), or <see cref="Drop"/>.</summary>
    public static char FoldMathematicalDigit(char high, char low)
    {
        if (high != '\uD835' || low < '\uDFCE' || low > '\uDFFF')
        {
            return Drop;
        }

        return (char)('0' + ((low - '\uDFCE') % 10));
    }

    private static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = (char)c;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = char.ToLowerInvariant(c);
        }

        // Full-width ASCII (！ to ～): the same character 0xFEE0 lower.
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            table[c] = char.ToLowerInvariant((char)(c - 0xFEE0));
        }

        table['\u3000'] = ' ';
        table['\u00A0'] = ' ';
        table['\u3002'] = '.';
        table['\uFF61'] = '.';
        table['\u00B7'] = '.';
        table['\u30FB'] = '.';
        table['\u2022'] = '.';
        for (var c = '\u2010'; c <= '\u2015'; c++)
        {
            table[c] = '-';
        }

        table['\u2212'] = '-';
        table['\u301C'] = '~';

        Digits(table, "零〇○⓪", '0');
        Digits(table, "一壹幺弌", '1');
        Digits(table, "二贰貳两兩弍", '2');
        Digits(table, "三叁參叄弎", '3');
        Digits(table, "四肆", '4');
        Digits(table, "五伍", '5');
        Digits(table, "六陆陸", '6');
        Digits(table, "七柒", '7');
        Digits(table, "八捌", '8');
        Digits(table, "九玖", '9');

        // Circled, negative circled, sans-serif circled, double circled, parenthesised and
        // full-stop digits one to nine.
        foreach (var one in "\u2460\u2776\u2780\u278A\u24F5\u2474\u2488")
        {
            for (var d = 0; d < 9; d++)
            {
                table[one + d] = (char)('1' + d);
            }
        }

        table['\u24FF'] = '0';

        foreach (var invisible in "\u00AD\u180E\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u20E3")
        {
            table[invisible] = Drop;
        }

        for (var c = '\uFE00'; c <= '\uFE0F'; c++)
        {
            table[c] = Drop;
        }

        table[0] = ' ';
        return table;
    }

    private static void Digits(char[] table, string forms, char digit)
    {
        foreach (var form in forms)
        {
            table[form] = digit;
        }
    }
}
