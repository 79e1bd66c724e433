using System.Text;

namespace Realtime.Translation.Text;

/// <summary>
/// Refines a sender's declared language by the script the text is written in: a line declared
/// "en" but written in Hangul is Korean. Latin text keeps the declared language (scripts cannot
/// tell English from Spanish); when the declared language does not fit the script, the source is
/// unknown and a provider that detects languages decides.
/// </summary>
public static class ScriptDetector
{
    // Characters that exist in one of the two Chinese scripts only, among the most frequent ones.
    private const string SimplifiedOnly = "们这个来国说时会对学与为体点后里还见开关觉样经种现问发长东车门马鸟书话语们们让听认师应该";
    private const string TraditionalOnly = "們這個來國說時會對學與為體點後裡還見開關覺樣經種現問發長東車門馬鳥書話語讓聽認師應該";

    /// <summary>The language of <paramref name="text"/> as far as its script tells, or null when unknown.</summary>
    public static string? Detect(string text, string? declared)
    {
        var counts = new ScriptCounts();
        foreach (var rune in text.EnumerateRunes())
        {
            counts.Add(rune);
        }

        var declaredBase = declared is null ? null : BaseOf(declared);
        if (counts.Kana > 0)
        {
            return "ja";
        }

        var dominant = counts.Dominant();
        if (dominant == Script.Latin && declaredBase is not null && NativeScript(declaredBase) is { } native && counts.Has(native))
        {
            // "这个主播yyds", "Мой iPhone": a line in the declared language's own script with a Latin
            // brand name or slang word is still in the declared language, however long the word.
            dominant = native;
        }

        return dominant switch
        {
            Script.Hangul => "ko",
            Script.Han => declaredBase is "zh" ? ChineseScript(text, declared!) : ChineseScript(text, null),
            Script.Cyrillic => declaredBase is "ru" or "uk" or "bg" or "sr" or "be" or "mk" or "kk" ? declared : "ru",
            Script.Arabic => declaredBase is "ar" or "fa" or "ur" ? declared : "ar",
            Script.Thai => "th",
            Script.Hebrew => "he",
            Script.Greek => "el",
            Script.Devanagari => declaredBase is "hi" or "mr" or "ne" ? declared : "hi",
            Script.Latin => declaredBase is null or "zh" or "ja" or "ko" or "ru" or "ar" or "th" or "he" or "el" or "hi" or "uk" ? null : declared,
            _ => declared,
        };
    }

    /// <summary>The primary subtag: <c>zh-Hans</c> -> <c>zh</c>.</summary>
    public static string BaseOf(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLowerInvariant();
    }

    /// <summary>
    /// True when a reader of <paramref name="target"/> reads <paramref name="source"/> as is:
    /// same primary language, except that Chinese in the other script still needs converting.
    /// </summary>
    public static bool SameLanguage(string source, string target)
    {
        var a = BaseOf(source);
        var b = BaseOf(target);
        if (a != b)
        {
            return false;
        }

        return a != "zh" || ChineseScriptOf(source) == ChineseScriptOf(target);
    }

    // The script a language is written in, for the languages whose script the detector knows.
    private static Script? NativeScript(string language) => language switch
    {
        "zh" => Script.Han,
        "ko" => Script.Hangul,
        "ru" or "uk" or "bg" or "sr" or "be" or "mk" or "kk" => Script.Cyrillic,
        "ar" or "fa" or "ur" => Script.Arabic,
        "th" => Script.Thai,
        "he" => Script.Hebrew,
        "el" => Script.Greek,
        "hi" or "mr" or "ne" => Script.Devanagari,
        _ => null,
    };

    private static string ChineseScript(string text, string? declared)
    {
        var simplified = 0;
        var traditional = 0;
        foreach (var c in text)
        {
            if (SimplifiedOnly.Contains(c, StringComparison.Ordinal))
            {
                simplified++;
            }
            else if (TraditionalOnly.Contains(c, StringComparison.Ordinal))
            {
                traditional++;
            }
        }

        if (simplified != traditional)
        {
            return simplified > traditional ? "zh-Hans" : "zh-Hant";
        }

        return declared is not null ? "zh-" + ChineseScriptOf(declared) : "zh-Hans";
    }

    private static string ChineseScriptOf(string tag)
    {
        var t = tag.ToLowerInvariant();
        return t.Contains("hant", StringComparison.Ordinal) || t.EndsWith("-tw", StringComparison.Ordinal) || t.EndsWith("-hk", StringComparison.Ordinal) || t.EndsWith("-mo", StringComparison.Ordinal)
            ? "Hant"
            : "Hans";
    }

    private enum Script
    {
        None,
        Latin,
        Han,
        Hangul,
        Cyrillic,
        Arabic,
        Thai,
        Hebrew,
        Greek,
        Devanagari,
    }

    private sealed class ScriptCounts
    {
        private readonly int[] _counts = new int[Enum.GetValues<Script>().Length];

        public int Kana { get; private set; }

        public void Add(Rune rune)
        {
            var v = rune.Value;
            if (v is >= 0x3040 and <= 0x30FF or >= 0x31F0 and <= 0x31FF)
            {
                Kana++;
                return;
            }

            var script = v switch
            {
                >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2FFFF or >= 0xF900 and <= 0xFAFF => Script.Han,
                >= 0xAC00 and <= 0xD7AF or >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F => Script.Hangul,
                >= 0x0400 and <= 0x052F => Script.Cyrillic,
                >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F => Script.Arabic,
                >= 0x0E00 and <= 0x0E7F => Script.Thai,
                >= 0x0590 and <= 0x05FF => Script.Hebrew,
                >= 0x0370 and <= 0x03FF => Script.Greek,
                >= 0x0900 and <= 0x097F => Script.Devanagari,
                _ when Rune.IsLetter(rune) && v < 0x0250 => Script.Latin,
                _ => Script.None,
            };
            _counts[(int)script]++;
        }

        public bool Has(Script script) => _counts[(int)script] > 0;

        public Script Dominant()
        {
            var best = Script.None;
            for (var i = 1; i < _counts.Length; i++)
            {
                if (_counts[i] > _counts[(int)best])
                {
                    best = (Script)i;
                }
            }

            return best;
        }
    }
}
