using System.Collections.Frozen;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// Apertium names languages with ISO 639-3 codes, optionally followed by <c>_</c> and a region or
/// variant (<c>eng</c>, <c>eng_US</c>, <c>cat_valencia</c>); the rest of the product uses BCP-47
/// (<c>en</c>, <c>en-US</c>, <c>ca-valencia</c>). A language with a two-letter ISO 639-1 code is
/// written with it in BCP-47; one without keeps its three letters (<c>ast</c>), which BCP-47 allows.
/// </summary>
internal static class ApertiumLanguages
{
    private static readonly FrozenDictionary<string, string> ThreeToTwo = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["afr"] = "af", ["amh"] = "am", ["ara"] = "ar", ["arg"] = "an", ["aze"] = "az", ["bak"] = "ba",
        ["bel"] = "be", ["ben"] = "bn", ["bos"] = "bs", ["bre"] = "br", ["bul"] = "bg", ["cat"] = "ca",
        ["ces"] = "cs", ["chv"] = "cv", ["cos"] = "co", ["cym"] = "cy", ["dan"] = "da", ["deu"] = "de",
        ["ell"] = "el", ["eng"] = "en", ["epo"] = "eo", ["est"] = "et", ["eus"] = "eu", ["fao"] = "fo",
        ["fas"] = "fa", ["fin"] = "fi", ["fra"] = "fr", ["fry"] = "fy", ["gla"] = "gd", ["gle"] = "ga",
        ["glg"] = "gl", ["glv"] = "gv", ["heb"] = "he", ["hin"] = "hi", ["hrv"] = "hr", ["hun"] = "hu",
        ["hye"] = "hy", ["ind"] = "id", ["isl"] = "is", ["ita"] = "it", ["jpn"] = "ja", ["kat"] = "ka",
        ["kaz"] = "kk", ["kir"] = "ky", ["kor"] = "ko", ["kur"] = "ku", ["lat"] = "la", ["lav"] = "lv",
        ["lit"] = "lt", ["ltz"] = "lb", ["mkd"] = "mk", ["mlt"] = "mt", ["mon"] = "mn", ["msa"] = "ms",
        ["nld"] = "nl", ["nno"] = "nn", ["nob"] = "nb", ["nor"] = "no", ["oci"] = "oc", ["pol"] = "pl",
        ["por"] = "pt", ["roh"] = "rm", ["ron"] = "ro", ["rus"] = "ru", ["sme"] = "se", ["slk"] = "sk",
        ["slv"] = "sl", ["spa"] = "es", ["sqi"] = "sq", ["srd"] = "sc", ["srp"] = "sr", ["swe"] = "sv",
        ["tat"] = "tt", ["tgk"] = "tg", ["tur"] = "tr", ["uig"] = "ug", ["ukr"] = "uk", ["urd"] = "ur",
        ["uzb"] = "uz", ["vie"] = "vi", ["zho"] = "zh",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> TwoToThree =
        ThreeToTwo.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>
    /// <c>eng</c> → <c>en</c>, <c>eng_US</c> → <c>en-US</c>, <c>cat_valencia</c> → <c>ca-valencia</c>,
    /// <c>oci_aran</c> → <c>oc-x-aran</c> (a suffix that is neither a region nor a valid variant
    /// becomes a private-use subtag); null for anything that is not an Apertium language code.
    /// </summary>
    public static string? ToBcp47(string apertiumCode)
    {
        var underscore = apertiumCode.IndexOf('_', StringComparison.Ordinal);
        var language = (underscore < 0 ? apertiumCode : apertiumCode[..underscore]).ToLowerInvariant();
        if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        var bcpLanguage = language.Length == 3 && ThreeToTwo.TryGetValue(language, out var two) ? two : language;
        if (underscore < 0)
        {
            return bcpLanguage;
        }

        var suffix = apertiumCode[(underscore + 1)..];
        if (suffix.Length == 0 || !suffix.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        if (suffix.Length == 2 && suffix.All(char.IsAsciiLetter))
        {
            return $"{bcpLanguage}-{suffix.ToUpperInvariant()}";
        }

        if (suffix.Length == 3 && suffix.All(char.IsAsciiDigit))
        {
            return $"{bcpLanguage}-{suffix}";
        }

        if (suffix.Length is >= 5 and <= 8 || (suffix.Length == 4 && char.IsAsciiDigit(suffix[0])))
        {
            return $"{bcpLanguage}-{suffix.ToLowerInvariant()}";
        }

        return suffix.Length <= 8 ? $"{bcpLanguage}-x-{suffix.ToLowerInvariant()}" : null;
    }

    /// <summary>
    /// The Apertium codes a BCP-47 tag may be served by, most specific first:
    /// <c>en-US</c> → <c>eng_US</c>, <c>eng</c>; <c>es</c> → <c>spa</c>; <c>zh-Hans</c> → <c>zho</c>.
    /// Empty when the language has no Apertium code.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string bcp47)
    {
        var subtags = bcp47.Trim().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (subtags.Length == 0)
        {
            return [];
        }

        var language = subtags[0].ToLowerInvariant();
        string? code = language.Length switch
        {
            2 => TwoToThree.GetValueOrDefault(language),
            3 when language.All(char.IsAsciiLetterLower) => language,
            _ => null,
        };
        if (code is null)
        {
            return [];
        }

        var candidates = new List<string>(3);
        for (var i = 1; i < subtags.Length; i++)
        {
            var subtag = subtags[i];
            if (subtag.Equals("x", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 < subtags.Length)
                {
                    candidates.Add($"{code}_{subtags[i + 1].ToLowerInvariant()}");
                }

                break;
            }

            if (subtag.Length == 4 && subtag.All(char.IsAsciiLetter))
            {
                continue; // a script (Latn, Cyrl): Apertium does not name pairs by script
            }

            if (subtag.Length == 2 && subtag.All(char.IsAsciiLetter))
            {
                candidates.Add($"{code}_{subtag.ToUpperInvariant()}");
            }
            else
            {
                candidates.Add($"{code}_{subtag.ToLowerInvariant()}");
            }
        }

        candidates.Add(code);
        return candidates;
    }
}
