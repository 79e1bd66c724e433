using Orleans;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Common;
using Realtime.Grains.Moderation;
using Realtime.Moderation;

namespace Realtime.Hosting.Moderation;

/// <summary>
/// The hub's and REST's way to the moderation rules: checks a text for its channel (refusals become
/// <c>blocked_term:</c> or <c>contact_blocked:</c> errors) and sends held items to the review queue.
/// </summary>
public sealed class ContentModeration(ContentModerator moderator, IGrainFactory grains)
{
    /// <summary>Checks <paramref name="text"/>; throws the refusal, else returns what to store.</summary>
    public ModerationVerdict Check(string text, ContentChannel channel)
    {
        var verdict = moderator.Check(text, channel);
        return verdict.Refusal is { } refusal ? throw new RealtimeException(refusal.Code, refusal.Detail) : verdict;
    }

    /// <summary>
    /// Checks a display name. It shows everywhere at once and cannot wait for a moderator, so a
    /// name with a review term is refused like a blocked one.
    /// </summary>
    public string CheckDisplayName(string name)
    {
        var verdict = Check(name, ContentChannel.DisplayName);
        return verdict.Held
            ? throw new RealtimeException(ErrorCodes.BlockedTerm, "this display name needs a moderator's review; choose another")
            : verdict.Text;
    }

    /// <summary>
    /// Checks a direct message. A verdict that refuses contact details is still accepted from a
    /// verified business, marked so that the conversation lets it through only where the other
    /// user opened it.
    /// </summary>
    public DirectVerdict CheckDirectMessage(string text, bool isBusiness)
    {
        var verdict = moderator.Check(text, ContentChannel.DirectMessage);
        var givesContacts = false;
        if (verdict.Refusal is { Code: ErrorCodes.ContactBlocked } && isBusiness)
        {
            verdict = moderator.Check(text, ContentChannel.DirectMessage, contactsAllowed: true);
            givesContacts = true;
        }

        return verdict.Refusal is { } refusal
            ? throw new RealtimeException(refusal.Code, refusal.Detail)
            : new DirectVerdict(verdict.Text, verdict.Masked, verdict.Held, givesContacts, verdict.Reasons);
    }

    /// <summary>Puts a held item into the review queue (idempotent per target).</summary>
    public Task HoldAsync(ModerationTarget target, string authorId, string text, string? language, IReadOnlyList<string> reasons, CancellationToken cancellationToken) =>
        grains.GetGrain<IModerationQueueGrain>(ModerationQueueGrain.Key).SubmitAsync(
            new ReviewSubmission(target.Kind, target.TargetId, authorId, text, language, reasons, null, Held: true), cancellationToken);
}
