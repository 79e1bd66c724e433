using Realtime.Moderation.Contacts;

namespace Realtime.Moderation;

/// <summary>
/// Finds contact details used to move people off the platform: phone numbers, messenger ids,
/// e-mail addresses and links, in Chinese (simplified and traditional), English and Spanish.
/// The text is folded once (every digit form to ASCII, width and case folded, invisible
/// characters dropped) with the origin of every folded character kept, then each rule scans the
/// folded text; spans are reported in the original text, merged where they overlap. Stateless
/// and thread-safe.
/// </summary>
public sealed class ContactDetector
{
    /// <summary>The contact details of <paramref name="text"/>, in order, none overlapping.</summary>
    public IReadOnlyList<ContactMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        using var folded = FoldedText.Create(text);
        var found = new List<ContactMatch>(0);
        PhoneRule.Find(folded, found);
        MessengerRule.Find(folded, found);
        EmailRule.Find(folded, found);
        LinkRule.Find(folded, found);
        return found.Count switch
        {
            0 => [],
            1 => found,
            _ => Merge(found),
        };
    }

    /// <summary>True when <paramref name="text"/> holds any contact detail.</summary>
    public bool Contains(string text) => Find(text).Count > 0;

    private static List<ContactMatch> Merge(List<ContactMatch> found)
    {
        // Overlapping finds of different rules (an e-mail's host is also a domain) become one
        // span, named after the longest of them.
        found.Sort(static (a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        var merged = new List<ContactMatch>(found.Count);
        var current = found[0];
        var longest = current.Span.Length;
        for (var i = 1; i < found.Count; i++)
        {
            var next = found[i];
            if (next.Span.Start < current.Span.End)
            {
                var kind = next.Span.Length > longest ? next.Kind : current.Kind;
                longest = Math.Max(longest, next.Span.Length);
                var end = Math.Max(current.Span.End, next.Span.End);
                current = new ContactMatch(kind, new TextSpan(current.Span.Start, end - current.Span.Start));
                continue;
            }

            merged.Add(current);
            current = next;
            longest = current.Span.Length;
        }

        merged.Add(current);
        return merged;
    }
}
