using System.Collections.Frozen;
using Realtime.Contracts.Validation;

namespace Realtime.Translation.Providers.Azure;

/// <summary>
/// The languages Azure Translator translates, and the mapping between the hub's canonical
/// BCP-47 tags and Azure's own codes (<c>zh-Hans</c>, <c>zh-Hant</c>, <c>pt-pt</c>, <c>sr-Latn</c>, ...).
/// </summary>
internal sealed class AzureLanguageSet
{
    /// <summary>
    /// Used until <c>GET /languages</c> answers, and when it cannot be reached: the widely used
    /// languages Translator v3 has long supported.
    /// </summary>
    private static readonly string[] BuiltInCodes =
    [
        "af", "ar", "az", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu",
        "fa", "fi", "fil", "fr", "fr-ca", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
        "ja", "ka", "kk", "km", "kn", "ko", "lo", "lt", "lv", "mk", "ml", "mn-Cyrl", "mr", "ms", "mt", "my",
        "nb", "ne", "nl", "pa", "pl", "ps", "pt", "pt-pt", "ro", "ru", "sk", "sl", "sq", "sr-Cyrl", "sr-Latn",
        "sv", "sw", "ta", "te", "th", "tr", "uk", "ur", "uz", "vi", "yue", "zh-Hans", "zh-Hant",
    ];

    /// <summary>Legacy or macro-language primary subtags Azure knows under another code.</summary>
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["iw"] = "he",
        ["in"] = "id",
        ["tl"] = "fil",
        ["no"] = "nb",
        ["sr"] = "sr-Cyrl",
        ["mn"] = "mn-Cyrl",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] TraditionalChineseRegions = ["TW", "HK", "MO"];

    /// <summary>Lower-cased code to Azure's spelling of it.</summary>
    private readonly FrozenDictionary<string, string> codes;

    public AzureLanguageSet(IEnumerable<string> azureCodes)
    {
        codes = azureCodes
            .Where(code => !string.IsNullOrWhiteSpace(code))
            .DistinctBy(code => code, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(code => code, code => code, StringComparer.OrdinalIgnoreCase);
    }

    public static AzureLanguageSet BuiltIn { get; } = new(BuiltInCodes);

    public int Count => codes.Count;

    /// <summary>
    /// Azure's code for a BCP-47 tag, or null when Azure does not translate that language.
    /// Chinese goes by script (or by region when no script is given); otherwise the longest
    /// prefix of the tag Azure knows wins (<c>pt-PT</c> -> <c>pt-pt</c>, <c>en-US</c> -> <c>en</c>).
    /// </summary>
    public string? ToAzure(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        if (parts[0].Equals("zh", StringComparison.OrdinalIgnoreCase))
        {
            return Find(IsTraditionalChinese(parts) ? "zh-Hant" : "zh-Hans");
        }

        for (var length = parts.Length; length >= 1; length--)
        {
            if (Find(string.Join('-', parts, 0, length)) is { } found)
            {
                return found;
            }
        }

        return Aliases.TryGetValue(parts[0], out var alias) ? Find(alias) : null;
    }

    /// <summary>The hub's canonical tag for a code Azure answered with (<c>pt-pt</c> -> <c>pt-PT</c>).</summary>
    public static string? FromAzure(string? azureCode) =>
        string.IsNullOrWhiteSpace(azureCode) ? null : ContractRules.CanonicalLanguage(azureCode) ?? azureCode;

    private string? Find(string code) => codes.TryGetValue(code, out var azure) ? azure : null;

    private static bool IsTraditionalChinese(string[] parts)
    {
        foreach (var part in parts.Skip(1))
        {
            if (part.Equals("Hant", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (part.Equals("Hans", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return parts.Skip(1).Any(part => TraditionalChineseRegions.Contains(part, StringComparer.OrdinalIgnoreCase));
    }
}
