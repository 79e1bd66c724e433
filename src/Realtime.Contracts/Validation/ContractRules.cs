using System.Globalization;
using System.Text;

namespace Realtime.Contracts.Validation;

/// <summary>
/// The contract's input rules as pure functions, shared by the hub, the REST API and the clients,
/// so that a value is judged the same way everywhere.
/// </summary>
public static class ContractRules
{
    /// <summary>True when <paramref name="id"/> matches <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > Limits.IdMaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Trims and NFC-normalises <paramref name="text"/> and checks its length in code points.
    /// Returns null when the text is missing, not well-formed UTF-16 or outside the bounds.
    /// </summary>
    public static string? NormalizeText(string? text, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        // Lone surrogates cannot be normalised or stored faithfully; reject them outright.
        if (!IsWellFormed(text))
        {
            return null;
        }

        var normalized = text.Trim().Normalize(NormalizationForm.FormC);
        var length = CountCodePoints(normalized);
        return length < min || length > max ? null : normalized;
    }

    /// <summary>Number of Unicode code points in a well-formed string.</summary>
    public static int CountCodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Canonicalises a BCP-47 tag (<c>ZH-hans</c> -> <c>zh-Hans</c>, <c>en-us</c> -> <c>en-US</c>),
    /// or returns null when it is malformed.
    /// </summary>
    public static string? CanonicalLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
        {
            return null;
        }

        var parts = tag.Trim().Replace('_', '-').Split('-');
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }

            if (i == 0)
            {
                if (part.Length is < 2 or > 3 || !part.All(char.IsAsciiLetter))
                {
                    return null;
                }

                builder.Append(part.ToLowerInvariant());
                continue;
            }

            builder.Append('-');
            if (part.Length == 4 && part.All(char.IsAsciiLetter))
            {
                builder.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
            }
            else if (part.Length == 2 && part.All(char.IsAsciiLetter))
            {
                builder.Append(part.ToUpperInvariant());
            }
            else
            {
                builder.Append(part.ToLowerInvariant());
            }
        }

        return builder.ToString();
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
