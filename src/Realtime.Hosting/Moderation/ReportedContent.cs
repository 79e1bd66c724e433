using Orleans;
using Realtime.Contracts.Direct;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Common;
using Realtime.Grains.Direct;
using Realtime.Grains.Notes;
using Realtime.Grains.Rooms;
using Realtime.Grains.Users;

namespace Realtime.Hosting.Moderation;

/// <summary>Looks up what a report names, as the reporter may see it: its author, text and language.</summary>
public sealed class ReportedContent(IGrainFactory grains)
{
    /// <summary>The reported item; <c>not_found:</c> when it does not exist, <c>forbidden:</c> when the reporter cannot see it.</summary>
    public async Task<(string AuthorId, string Text, string? Language)> FindAsync(ModerationTarget target, string reporterId, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case ReviewKinds.Chat:
                var line = await grains.GetGrain<IRoomGrain>(target.Owner).FindAsync(target.Seq, cancellationToken) ?? throw Missing(target);
                return (line.UserId, line.Text, line.Language);
            case ReviewKinds.Comment:
                var comment = await grains.GetGrain<INoteThreadGrain>(target.Owner).FindCommentAsync(target.ItemId!, cancellationToken) ?? throw Missing(target);
                return (comment.UserId, comment.Text, comment.Language);
            case ReviewKinds.Note:
                var note = await grains.GetGrain<INoteThreadGrain>(target.Owner).FindNoteAsync(cancellationToken) ?? throw Missing(target);
                return (note.AuthorId, note.Body.Length == 0 ? note.Title : note.Title + "\n" + note.Body, note.Language);
            case ReviewKinds.DirectMessage:
                if (ConversationIds.OtherOf(target.Owner, reporterId) is null)
                {
                    throw RealtimeException.Forbidden("only a participant may report a direct message");
                }

                var message = await grains.GetGrain<IConversationGrain>(target.Owner).FindAsync(target.Seq, cancellationToken) ?? throw Missing(target);
                return (message.FromUserId, message.Text, message.Language);
            default:
                var name = await grains.GetGrain<IUserGrain>(target.Owner).GetDisplayNameAsync(cancellationToken) ?? throw Missing(target);
                return (target.Owner, name, null);
        }
    }

    private static RealtimeException Missing(ModerationTarget target) => RealtimeException.NotFound($"no {target.Kind} {target.TargetId}");
}
