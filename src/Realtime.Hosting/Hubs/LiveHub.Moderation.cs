using Realtime.Contracts.Moderation;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Moderation;
using Realtime.Hosting.Moderation;
using Realtime.Hosting.RateLimiting;

namespace Realtime.Hosting.Hubs;

/// <summary>Reports: any signed-in user may put a line, comment, note, direct message or user before the moderators.</summary>
public sealed partial class LiveHub
{
    /// <summary>Reports an item (see <see cref="ReviewKinds"/> for the target formats); reports of one item gather in one queue entry.</summary>
    public async Task<ReportAck> Report(string kind, string targetId, string reason)
    {
        var caller = HubInput.RequireCaller(Context);
        var target = ModerationTarget.TryParse(kind, targetId)
            ?? throw RealtimeException.Invalid("kind must be chat, comment, note, directMessage or user, with a target id in its format (roomId:seq, noteId:commentId, noteId, conversationId:seq, userId)");
        var why = ContractRules.NormalizeText(reason, 1, Limits.ReportReasonMax)
            ?? throw RealtimeException.Invalid($"reason must be 1-{Limits.ReportReasonMax} characters");
        if (!limiter.TryAcquire(caller.UserId, RateLimitKind.Report))
        {
            throw new RealtimeException("rate_limited", "too many reports; slow down");
        }

        var cancellationToken = Context.ConnectionAborted;
        var (authorId, text, language) = await reported.FindAsync(target, caller.UserId, cancellationToken);
        var entry = await grains.GetGrain<IModerationQueueGrain>(ModerationQueueGrain.Key).SubmitAsync(
            new ReviewSubmission(target.Kind, target.TargetId, authorId, text, language, ["report"], new ReportEntry(caller.UserId, why, DateTimeOffset.UtcNow), Held: false),
            cancellationToken);
        return new ReportAck(entry.Id);
    }
}
