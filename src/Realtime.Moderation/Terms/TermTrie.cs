using Realtime.Contracts.Moderation;

namespace Realtime.Moderation.Terms;

/// <summary>
/// The normalised terms in a trie keyed by character: matching walks it from every position of
/// the text, which costs the text's length times the depth actually reached (a few characters
/// almost everywhere), whatever the number of terms.
/// </summary>
internal sealed class TermTrie
{
    private readonly Node root = new();

    public int Count { get; private set; }

    public void Add(string normalized, ModerationTerm term)
    {
        var node = root;
        foreach (var c in normalized)
        {
            node.Children ??= new Dictionary<char, Node>();
            if (!node.Children.TryGetValue(c, out var child))
            {
                child = new Node();
                node.Children[c] = child;
            }

            node = child;
        }

        node.Terms ??= [];
        node.Terms.Add(term);
        node.Length = normalized.Length;
        node.WordStart = CharacterClasses.IsWordChar(normalized[0]);
        node.WordEnd = CharacterClasses.IsWordChar(normalized[^1]);
        Count++;
    }

    /// <summary>Every term in <paramref name="text"/>; Latin ends of a term must fall on word boundaries.</summary>
    public void FindAll(string text, Action<int, int, List<ModerationTerm>> found)
    {
        for (var start = 0; start < text.Length; start++)
        {
            var startsWord = start == 0 || !CharacterClasses.IsWordChar(text[start - 1]);
            var node = root;
            for (var i = start; i < text.Length && node.Children is not null && node.Children.TryGetValue(text[i], out node); i++)
            {
                if (node.Terms is null)
                {
                    continue;
                }

                var endsWord = i + 1 == text.Length || !CharacterClasses.IsWordChar(text[i + 1]);
                if ((!node.WordStart || startsWord) && (!node.WordEnd || endsWord))
                {
                    found(start, node.Length, node.Terms);
                }
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public List<ModerationTerm>? Terms;
        public int Length;
        public bool WordStart;
        public bool WordEnd;
    }
}
