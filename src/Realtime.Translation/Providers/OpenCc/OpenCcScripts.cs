namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// Which Chinese script a BCP-47 tag means: the script subtag when present (<c>zh-Hans</c>,
/// <c>zh-Hant</c>), else the region (<c>zh-CN</c>, <c>zh-SG</c>, <c>zh-MY</c> simplified;
/// <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c> traditional), else unknown (<c>zh</c>).
/// </summary>
internal static class OpenCcScripts
{
    /// <summary>Simplified to traditional.</summary>
    public const string ToTraditional = "s2t.json";

    /// <summary>Traditional to simplified.</summary>
    public const string ToSimplified = "t2s.json";

    /// <summary>The script of a Chinese tag; null when the tag is not Chinese.</summary>
    public static ChineseScript? Parse(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var subtags = tag.Trim().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (subtags.Length == 0 || !subtags[0].Equals("zh", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        ChineseScript? byRegion = null;
        foreach (var subtag in subtags.Skip(1))
        {
            if (subtag.Equals("x", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if (subtag.Equals("Hans", StringComparison.OrdinalIgnoreCase))
            {
                return ChineseScript.Simplified;
            }

            if (subtag.Equals("Hant", StringComparison.OrdinalIgnoreCase))
            {
                return ChineseScript.Traditional;
            }

            byRegion ??= subtag.ToUpperInvariant() switch
            {
                "CN" or "SG" or "MY" => ChineseScript.Simplified,
                "TW" or "HK" or "MO" => ChineseScript.Traditional,
                _ => null,
            };
        }

        return byRegion ?? ChineseScript.Unknown;
    }

    /// <summary>
    /// The configuration converting <paramref name="source"/> into <paramref name="target"/>, or
    /// null. The target's script must be known and differ from the source's. A Chinese source of
    /// unknown script (<c>zh</c>) is accepted: both conversions leave text that is already in the
    /// target script (almost always) as it is. A null source (detect) is not: OpenCC does not tell languages apart.
    /// </summary>
    public static string? Config(string? source, string? target)
    {
        var from = Parse(source);
        var to = Parse(target);
        if (from is null || to is null or ChineseScript.Unknown || from == to)
        {
            return null;
        }

        return to == ChineseScript.Traditional ? ToTraditional : ToSimplified;
    }
}
