using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Realtime.Contracts.Rooms;
using Realtime.Translation.Providers;
using Realtime.Translation.Text;

namespace Realtime.Translation.Glossary;

/// <summary>
/// Applies the glossary around any provider. Placeholders are tokens every provider here passes
/// through untouched (<c>ZXQ0</c>, <c>ZXQ1</c>...); Azure gets its dictionary markup instead.
/// </summary>
public static partial class GlossaryApplier
{
    private const string TokenPrefix = "ZXQ";

    /// <summary>Prepares <paramref name="text"/> for translation from <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static PreparedText Prepare(string text, string? source, string target, GlossaryMode mode, GlossaryDocument glossary)
    {
        var replacements = new List<(string Term, string Rendering)>();
        var explanations = new List<TermExplanation>();
        foreach (var kept in glossary.Keep.OrderByDescending(k => k.Term.Length))
        {
            if (Contains(text, kept.Term))
            {
                replacements.Add((kept.Term, kept.Term));
                explanations.Add(new TermExplanation(kept.Term, kept.Note));
            }
        }

        if (source is not null)
        {
            foreach (var entry in glossary.Entries.Where(e => SameSource(e.SourceLanguage, source)).OrderByDescending(e => e.Term.Length))
            {
                if (Contains(text, entry.Term) && Rendering(entry, target) is { } rendering && replacements.All(r => r.Term != entry.Term))
                {
                    replacements.Add((entry.Term, rendering));
                }
            }
        }

        if (replacements.Count == 0)
        {
            return new PreparedText(text, new Dictionary<string, string>(), explanations, true);
        }

        var restore = new Dictionary<string, string>(StringComparer.Ordinal);
        var prepared = text;
        for (var i = 0; i < replacements.Count; i++)
        {
            var (term, rendering) = replacements[i];
            string replacement;
            if (mode == GlossaryMode.Markup)
            {
                replacement = $"<mstrans:dictionary translation=\"{WebUtility.HtmlEncode(rendering)}\">{term}</mstrans:dictionary>";
            }
            else
            {
                replacement = TokenPrefix + i.ToString(CultureInfo.InvariantCulture);
                restore[replacement] = rendering;
            }

            prepared = Replace(prepared, term, replacement);
        }

        var rest = TokenPattern().Replace(prepared, string.Empty);
        var needsProvider = mode == GlossaryMode.Markup || rest.Any(char.IsLetter);
        return new PreparedText(prepared, restore, explanations, needsProvider);
    }

    /// <summary>Puts glossary renderings back in place of the placeholders.</summary>
    public static string Restore(string translated, PreparedText prepared)
    {
        if (prepared.Restore.Count == 0)
        {
            return translated;
        }

        // Providers may change a token's case or glue it to a neighbour; match it loosely.
        return TokenPattern().Replace(translated, m => prepared.Restore.TryGetValue(TokenPrefix + m.Groups[1].Value, out var r) ? r : m.Value);
    }

    /// <summary>The text with placeholders restored, for when no provider is needed.</summary>
    public static string RestoreWithoutProvider(PreparedText prepared) => Restore(prepared.Text, prepared);

    private static string? Rendering(GlossaryEntry entry, string target)
    {
        if (entry.Translations.TryGetValue(target, out var exact))
        {
            return exact;
        }

        var baseTarget = ScriptDetector.BaseOf(target);
        return entry.Translations.FirstOrDefault(t => ScriptDetector.SameLanguage(t.Key, target) || t.Key == baseTarget).Value;
    }

    private static bool SameSource(string entrySource, string source) => ScriptDetector.SameLanguage(entrySource, source);

    private static bool Contains(string text, string term) =>
        IsWordScript(term)
            ? Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(term)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            : text.Contains(term, StringComparison.Ordinal);

    private static string Replace(string text, string term, string replacement) =>
        IsWordScript(term)
            ? Regex.Replace(text, $@"(?<!\w){Regex.Escape(term)}(?!\w)", replacement.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            : text.Replace(term, replacement, StringComparison.Ordinal);

    // Terms in scripts with spaces between words match whole words only; CJK terms match anywhere.
    private static bool IsWordScript(string term) => term.All(c => c < 0x2E80);

    [GeneratedRegex(@"(?i)ZXQ(\d+)")]
    private static partial Regex TokenPattern();
}
