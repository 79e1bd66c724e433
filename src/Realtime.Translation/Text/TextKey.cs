using System.Security.Cryptography;
using System.Text;

namespace Realtime.Translation.Text;

/// <summary>The cache key of a translation: normalised text, source, target and glossary version.</summary>
public static class TextKey
{
    /// <summary>Trims, folds runs of white space into one space and NFC-normalises.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The key, hashed so that it fits a storage key column.</summary>
    public static string For(string normalizedText, string? source, string target, long glossaryVersion)
    {
        var raw = $"{glossaryVersion}\u0001{source}\u0001{target}\u0001{normalizedText}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..40].ToLowerInvariant();
    }
}
