namespace Realtime.Moderation.Terms;

/// <summary>The character classes normalisation and matching reason about.</summary>
internal static class CharacterClasses
{
    /// <summary>Han ideographs (with extension A and compatibility forms), kana and their marks: scripts written without spaces between words.</summary>
    public static bool IsCjk(char c) => c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')
        or (>= '\u3040' and <= '\u30FF') or '\u3005' or '\u3007';

    /// <summary>A letter or digit of a script that separates words with spaces (Latin above all).</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    /// <summary>Characters people put between letters to hide a word: <c>f.u.c.k</c>, <c>s-h-i-t</c>, <c>傻 逼</c>.</summary>
    public static bool IsSeparator(char c) => c is '.' or '-' or '_' or '*' or '~' or '|' or '/' or '\\' or '+' or ',' or '\'' or '`' or '^'
        or '=' or '·' or '•' or '・' or '、' or '，' or '。' or '‐' or '–' or '—' or '’' or '‘' or ':' or ';' or '#'
        || char.IsWhiteSpace(c);

    /// <summary>Dropped outright: zero-width characters, variation selectors, soft hyphens, the keycap mark, combining accents.</summary>
    public static bool IsInvisible(char c) => c is '\u00AD' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u2060' and <= '\u2064')
        or '\uFEFF' or '\u20E3' or '\u034F' or (>= '\uFE00' and <= '\uFE0F') or (>= '\u0300' and <= '\u036F') || char.IsControl(c);

    /// <summary>The letter a look-alike digit or symbol stands for inside a word (<c>sh1t</c>, <c>@ss</c>, <c>$hit</c>), or the character itself.</summary>
    public static char LookAlike(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        _ => c,
    };

    /// <summary>True for the symbols that stand for letters only when a letter follows them.</summary>
    public static bool IsLookAlikeSymbol(char c) => c is '@' or '$' or '!';

    /// <summary>A letter or digit, or a look-alike symbol: the characters a disguised word is made of.</summary>
    public static bool IsLetterLike(char c) => IsWordChar(c) || IsLookAlikeSymbol(c);
}
