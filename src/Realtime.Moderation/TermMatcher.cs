using Realtime.Contracts.Moderation;
using Realtime.Moderation.Terms;

namespace Realtime.Moderation;

/// <summary>
/// Finds the terms of every list in a text, both normalised by the same <see cref="TextNormalizer"/>.
/// A term whose first or last character is a letter or digit of a spaced script (Latin) must
/// start or end on a word boundary there (<c>ass</c> is not in <c>class</c>); Chinese terms match
/// anywhere. Terms with an unknown action, or that normalise to nothing, are left out. Immutable
/// once built, so thread-safe.
/// </summary>
public sealed class TermMatcher
{
    private readonly TermTrie trie = new();
    private readonly TextNormalizer normalizer;

    /// <summary>Builds the matcher of <paramref name="terms"/>.</summary>
    public TermMatcher(IEnumerable<ModerationTerm> terms, TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(normalizer);
        this.normalizer = normalizer;
        foreach (var term in terms)
        {
            if (term?.Term is null || !TermActions.IsKnown(term.Action))
            {
                continue;
            }

            var normalized = normalizer.Normalize(term.Term).Text.Trim();
            if (normalized.Length > 0)
            {
                trie.Add(normalized, term);
            }
        }
    }

    /// <summary>How many terms are matched.</summary>
    public int Count => trie.Count;

    /// <summary>Every term in <paramref name="text"/>, in order of position; overlapping terms are all reported.</summary>
    public IReadOnlyList<TermMatch> FindAll(string text) => FindAll(normalizer.Normalize(text));

    /// <summary>Every term in an already normalised text.</summary>
    public IReadOnlyList<TermMatch> FindAll(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (trie.Count == 0)
        {
            return [];
        }

        List<TermMatch>? matches = null;
        trie.FindAll(text.Text, (start, length, terms) =>
        {
            matches ??= [];
            var span = text.ToOriginal(start, length);
            foreach (var term in terms)
            {
                matches.Add(new TermMatch(term, span));
            }
        });
        return matches is null ? [] : matches;
    }
}
