using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Moderation;

namespace Realtime.Moderation;

/// <summary>
/// Decides what happens to a text before it is stored: blocked, masked and review terms from the
/// admins' lists, and contact details by the channel's policy. Precedence: a <c>block</c> term
/// refuses; else a contact detail in a refusing channel refuses; else a <c>review</c> term holds
/// the text; <c>mask</c> terms and contact details in a masking channel are masked whichever of
/// the last two applies. Thread-safe; <see cref="UseTerms"/> swaps the lists atomically, so a
/// check sees either the old lists or the new ones.
/// </summary>
public sealed class ContentModerator
{
    private const string Mask = "***";

    private readonly TextNormalizer normalizer;
    private readonly ContactDetector contacts;
    private readonly ContactPolicies policies;
    private readonly ILogger logger;
    private volatile TermSet terms;

    public ContentModerator(TextNormalizer normalizer, ContactDetector contacts, IOptions<ModerationOptions> options, ILogger<ContentModerator> logger)
        : this(normalizer, contacts, options.Value, logger)
    {
    }

    /// <param name="normalizer">Normalises terms and texts alike.</param>
    /// <param name="contacts">The contact filter.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="logger">Null for none.</param>
    public ContentModerator(TextNormalizer normalizer, ContactDetector? contacts = null, ModerationOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        this.normalizer = normalizer;
        this.contacts = contacts ?? new ContactDetector();
        policies = (options ?? new ModerationOptions()).Contacts ?? new ContactPolicies();
        this.logger = logger ?? NullLogger.Instance;
        terms = new TermSet(new TermMatcher([], normalizer), 0);
    }

    /// <summary>The version of the lists in use; 0 before the first <see cref="UseTerms"/>.</summary>
    public long TermsVersion => terms.Version;

    /// <summary>Replaces every list at once.</summary>
    public void UseTerms(ModerationTermList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var matcher = new TermMatcher(list.Terms ?? [], normalizer);
        terms = new TermSet(matcher, list.Version);
        ModerationLog.TermsChanged(logger, list.Version, matcher.Count);
    }

    /// <summary>Checks <paramref name="text"/> for <paramref name="channel"/>.</summary>
    /// <param name="contactsAllowed">
    /// True skips the contact filter: the caller decided the writer may give contact details here
    /// (a verified business answering a conversation the other user opened).
    /// </param>
    public ModerationVerdict Check(string text, ContentChannel channel, bool contactsAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var policy = contactsAllowed ? ContactPolicy.Allow : policies.For(channel);
        var set = terms;
        var matches = set.Matcher.Count == 0 ? [] : set.Matcher.FindAll(text);
        var found = policy == ContactPolicy.Allow ? [] : contacts.Find(text);
        if (matches.Count == 0 && found.Count == 0)
        {
            return new ModerationVerdict(text, false, false, null, []);
        }

        var reasons = Reasons(matches, found);
        if (matches.Any(m => m.Term.Action == TermActions.Block))
        {
            return new ModerationVerdict(text, false, false, new ModerationRefusal(ErrorCodes.BlockedTerm, "The text contains a term that is not allowed here."), reasons);
        }

        if (found.Count > 0 && policy == ContactPolicy.Refuse)
        {
            return new ModerationVerdict(text, false, false, new ModerationRefusal(ErrorCodes.ContactBlocked, "Contact details (phone numbers, messenger ids, e-mail addresses, links) cannot be sent here."), reasons);
        }

        var held = matches.Any(m => m.Term.Action == TermActions.Review);
        var spans = new List<TextSpan>();
        foreach (var match in matches)
        {
            if (match.Term.Action == TermActions.Mask)
            {
                spans.Add(match.Span);
            }
        }

        foreach (var contact in found)
        {
            spans.Add(contact.Span);
        }

        var masked = spans.Count > 0;
        return new ModerationVerdict(masked ? Apply(text, spans) : text, masked, held, null, reasons);
    }

    /// <summary><paramref name="text"/> with each span (overlapping or not) replaced by <c>***</c>; touching spans become one.</summary>
    internal static string Apply(string text, List<TextSpan> spans)
    {
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var start = spans[i].Start;
            var end = spans[i].End;
            for (i++; i < spans.Count && spans[i].Start <= end; i++)
            {
                end = Math.Max(end, spans[i].End);
            }

            builder.Append(text, position, start - position).Append(Mask);
            position = end;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    private static List<string> Reasons(IReadOnlyList<TermMatch> matches, IReadOnlyList<ContactMatch> found)
    {
        var reasons = new List<string>(matches.Count + found.Count);
        foreach (var match in matches)
        {
            Add(reasons, "term:" + match.Term.Term);
        }

        foreach (var contact in found)
        {
            Add(reasons, "contact:" + contact.Kind switch
            {
                ContactKind.Phone => "phone",
                ContactKind.Messenger => "messenger",
                ContactKind.Email => "email",
                _ => "link",
            });
        }

        return reasons;

        static void Add(List<string> reasons, string reason)
        {
            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }
    }

    private sealed record TermSet(TermMatcher Matcher, long Version);
}
