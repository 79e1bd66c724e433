using Realtime.Contracts.Notes;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Notes;

namespace Realtime.Hosting.Hubs;

/// <summary>Note comment threads: watch, comment, like, collect.</summary>
public sealed partial class LiveHub
{
    /// <summary>Watches a note's thread and returns its snapshot.</summary>
    public async Task<NoteSnapshot> WatchNote(string noteId, long? sinceSeq)
    {
        HubInput.RequireId(noteId, nameof(noteId));
        if (sinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        var topic = Topics.Note(noteId);
        return await WatchWithSnapshotAsync(
            state => state.Notes.Add(noteId),
            topic,
            l => Topics.NoteLanguage(noteId, l),
            (state, cancellationToken) => grains.GetGrain<INoteThreadGrain>(noteId).WatchAsync(
                new WatchNoteCommand(HubInput.CallerOrNull(Context)?.UserId, sinceSeq, state.Language, silo.Id, languages.Counts(topic)),
                cancellationToken),
            state => UnwatchCoreAsync(noteId, state, CancellationToken.None));
    }

    /// <summary>Stops watching a note; a note not watched is ignored.</summary>
    public async Task UnwatchNote(string noteId)
    {
        HubInput.RequireId(noteId, nameof(noteId));
        await UnderGateAsync(state => UnwatchCoreAsync(noteId, state, Context.ConnectionAborted), Context.ConnectionAborted);
    }

    /// <summary>Posts a comment; answered once it and its notifications are durable.</summary>
    public async Task<CommentAck> PostComment(string noteId, string clientMessageId, string text, string? replyToCommentId)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(noteId, nameof(noteId));
        HubInput.RequireId(clientMessageId, nameof(clientMessageId));
        var normalized = ContractRules.NormalizeText(text, 1, Limits.CommentTextMax)
            ?? throw RealtimeException.Invalid($"text must be 1-{Limits.CommentTextMax} characters");
        if (replyToCommentId is not null)
        {
            HubInput.RequireId(replyToCommentId, nameof(replyToCommentId));
        }

        var verdict = moderation.Check(normalized, Realtime.Moderation.ContentChannel.Comment);
        // The note answers a retry of a comment it has as a duplicate before it looks at the limit.
        var overLimit = !limiter.TryAcquire(caller.UserId, RateLimiting.RateLimitKind.Comment);
        var command = new PostCommentCommand(
            caller.UserId, caller.DisplayName, clientMessageId, verdict.Text, State.Language ?? caller.Language, replyToCommentId, overLimit, verdict.Masked, verdict.Held);
        var ack = await grains.GetGrain<INoteThreadGrain>(noteId).PostCommentAsync(command, Context.ConnectionAborted);
        if (ack.Held)
        {
            await moderation.HoldAsync(
                Moderation.ModerationTarget.Comment(noteId, ack.CommentId), caller.UserId, verdict.Text, command.Language, verdict.Reasons, CancellationToken.None);
        }

        return ack;
    }

    /// <summary>Likes or unlikes a note; returns the counters.</summary>
    public Task<NoteCounters> LikeNote(string noteId, bool liked)
    {
        var caller = RequireReaction(noteId);
        return grains.GetGrain<INoteThreadGrain>(noteId).LikeNoteAsync(caller.UserId, caller.DisplayName, liked, Context.ConnectionAborted);
    }

    /// <summary>Collects or uncollects a note; returns the counters.</summary>
    public Task<NoteCounters> CollectNote(string noteId, bool collected)
    {
        var caller = RequireReaction(noteId);
        return grains.GetGrain<INoteThreadGrain>(noteId).CollectNoteAsync(caller.UserId, caller.DisplayName, collected, Context.ConnectionAborted);
    }

    /// <summary>Likes or unlikes a comment; returns its like count.</summary>
    public Task<CommentCounters> LikeComment(string noteId, string commentId, bool liked)
    {
        var caller = RequireReaction(noteId);
        HubInput.RequireId(commentId, nameof(commentId));
        return grains.GetGrain<INoteThreadGrain>(noteId).LikeCommentAsync(caller.UserId, caller.DisplayName, commentId, liked, Context.ConnectionAborted);
    }

    private Caller RequireReaction(string noteId)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(noteId, nameof(noteId));
        if (!limiter.TryAcquire(caller.UserId, RateLimiting.RateLimitKind.Like))
        {
            throw new RealtimeException("rate_limited", "too many reactions; slow down");
        }

        return caller;
    }

    private async Task UnwatchCoreAsync(string noteId, ConnectionState state, CancellationToken cancellationToken)
    {
        if (state.Notes.Remove(noteId))
        {
            await UnwatchLanguageAsync(Topics.Note(noteId), state.Language, l => Topics.NoteLanguage(noteId, l), cancellationToken);
            await UnwatchTopicAsync(Topics.Note(noteId), cancellationToken);
            await ReportReadersAsync(noteId, cancellationToken);
        }
    }

    private async Task ReportReadersAsync(string noteId, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<INoteThreadGrain>(noteId).ReportReadersAsync(silo.Id, languages.Counts(Topics.Note(noteId)), cancellationToken);
        }
        catch (RealtimeException)
        {
            // The note does not exist (a failed watch being undone): nobody to tell.
        }
    }
}
