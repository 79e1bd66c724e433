using Orleans;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Common;
using Realtime.Grains.Direct;
using Realtime.Grains.Notes;
using Realtime.Grains.Rooms;

namespace Realtime.Hosting.Moderation;

/// <summary>
/// Carries a moderator's decision to the item: approving a held item releases it, rejecting any
/// item removes it live; approving a reported item keeps it (the reports are dismissed). A user
/// entry's decision is recorded only. Every step is idempotent, so a decision can be retried.
/// </summary>
public sealed class ModerationDecisions(IGrainFactory grains)
{
    /// <summary>Applies the decision to <paramref name="item"/>'s target.</summary>
    public Task ApplyAsync(ReviewItem item, bool approve, CancellationToken cancellationToken)
    {
        var target = ModerationTarget.TryParse(item.Kind, item.TargetId)
            ?? throw RealtimeException.Invalid($"entry {item.Id} names no known target");
        if (approve && !item.Held)
        {
            return Task.CompletedTask;
        }

        return target.Kind switch
        {
            ReviewKinds.Chat => grains.GetGrain<IRoomGrain>(target.Owner).ModerateAsync(target.Seq, approve, cancellationToken),
            ReviewKinds.Comment => grains.GetGrain<INoteThreadGrain>(target.Owner).ModerateCommentAsync(target.ItemId!, approve, cancellationToken),
            ReviewKinds.Note => grains.GetGrain<INoteThreadGrain>(target.Owner).ModerateNoteAsync(approve, cancellationToken),
            ReviewKinds.DirectMessage => grains.GetGrain<IConversationGrain>(target.Owner).ModerateAsync(target.Seq, approve, cancellationToken),
            _ => Task.CompletedTask,
        };
    }
}
