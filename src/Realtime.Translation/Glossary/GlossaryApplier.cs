using System.Globalization;
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
        var replacements = new List<(string Term, string? Rendering)>();
        var explanations = new List<TermExplanation>();
        foreach (var kept in glossary.Keep.OrderByDescending(k => k.Term.Length))
        {
            if (Contains(text, kept.Term))
            {
                // A kept term passes through as the writer spelled it ("YYDS" stays "YYDS").
                replacements.Add((kept.Term, null));
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

        // Every term becomes a token first, so a later (shorter) term can never match inside an
        // earlier term's markup or rendering; in markup mode the tokens are then expanded.
        var restore = new Dictionary<string, string>(StringComparer.Ordinal);
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        var prepared = text;
        var next = 0;
        foreach (var (term, rendering) in replacements)
        {
            prepared = ReplaceEach(prepared, term, match =>
            {
                var token = TokenPrefix + (next++).ToString(CultureInfo.InvariantCulture);
                restore[token] = rendering ?? match;
                originals[token] = match;
                return token;
            });
        }

        if (mode == GlossaryMode.Markup)
        {
            prepared = TokenPattern().Replace(prepared, m => restore.TryGetValue(m.Value, out var r)
                ? $"<mstrans:dictionary translation=\"{EscapeAttribute(r)}\">{originals[m.Value]}</mstrans:dictionary>"
                : m.Value);
            return new PreparedText(prepared, new Dictionary<string, string>(), explanations, true);
        }

        var rest = TokenPattern().Replace(prepared, string.Empty);
        return new PreparedText(prepared, restore, explanations, rest.Any(char.IsLetter));
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

        // The base language's own rendering (es for es-AR) before a sibling region's (es-MX).
        var baseTarget = ScriptDetector.BaseOf(target);
        return entry.Translations.FirstOrDefault(t => t.Key == baseTarget).Value
               ?? entry.Translations.FirstOrDefault(t => ScriptDetector.SameLanguage(t.Key, target)).Value;
    }

    // Only what would end or break the attribute is escaped: a numeric entity for every accented
    // letter (WebUtility.HtmlEncode writes "emisi&#243;n") could reach readers as it is.
    private static string EscapeAttribute(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    private static bool SameSource(string entrySource, string source) => ScriptDetector.SameLanguage(entrySource, source);

    private static bool Contains(string text, string term) =>
        IsWordScript(term)
            ? Regex.IsMatch(text, WholeWord(term), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            : text.Contains(term, StringComparison.Ordinal);

    private static string ReplaceEach(string text, string term, Func<string, string> replacement) =>
        Regex.Replace(
            text,
            IsWordScript(term) ? WholeWord(term) : Regex.Escape(term),
            m => replacement(m.Value),
            IsWordScript(term) ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);

    // Terms in scripts with spaces between words match whole words only; CJK terms match anywhere.
    private static bool IsWordScript(string term) => term.All(c => c < 0x2E80);

    // A whole word of a spaced script: no letter or digit of such a script right before or after it.
    // CJK characters do not count, since Chinese and Japanese glue Latin words to them ("主播yyds").
    private static string WholeWord(string term) => $@"(?<![\w-[\u2E80-\uFFFF]]){Regex.Escape(term)}(?![\w-[\u2E80-\uFFFF]])";

    [GeneratedRegex(@"(?i)ZXQ(\d+)")]
    private static partial Regex TokenPattern();
}
