using Realtime.Contracts.Hub;
using Realtime.Contracts.Notes;
using Realtime.Grains.Common;
using Realtime.Storage;

namespace Realtime.Grains.Notes;

/// <summary>Notes and comments held for review, and moderators' decisions on them.</summary>
public sealed partial class NoteThreadGrain
{
    Task<Comment?> INoteThreadGrain.FindCommentAsync(string commentId, CancellationToken cancellationToken) =>
        RunAsync(() => VisibleTo(null) ? FindCommentAsync(commentId, cancellationToken) : Task.FromResult<Comment?>(null));

    Task<Note?> INoteThreadGrain.FindNoteAsync(CancellationToken cancellationToken) =>
        Run(() => VisibleTo(null) ? ToNote() : null);

    async Task INoteThreadGrain.ModerateCommentAsync(string commentId, bool approve, CancellationToken cancellationToken)
    {
        // The mentioned users are looked up before the turn, as for a new comment.
        var found = await RunAsync(() => FindAnyCommentAsync(commentId, cancellationToken));
        var mentioned = found is not null && approve ? await KnownMentionsAsync(found.Text, cancellationToken) : [];
        await RunAsync(async () =>
        {
            var comment = await FindAnyCommentAsync(commentId, cancellationToken);
            if (comment is null || !VisibleTo(State.AuthorId))
            {
                // Removed already, or a decision taken twice: nothing left to do.
                return;
            }

            if (!State.HeldComments.Remove(comment.Seq, out var dedupeKey))
            {
                if (!approve)
                {
                    State.CommentCount = Math.Max(0, State.CommentCount - 1);
                    RemoveComment(comment);
                    Commit();
                }

                return;
            }

            RemoveComment(comment);
            _dedupe.Remember(dedupeKey, new CommentAck(comment.CommentId, comment.Seq, true));
            if (approve)
            {
                // Watchers' streams are past the held seq: the comment goes out under a new seq (and so a new id).
                var seq = ++State.LastSeq;
                var released = comment with { Seq = seq, CommentId = CommentIds.For(seq), CreatedAt = clock.UtcNow };
                // The store keeps a key on its first entry for good: the held entry keeps it, a map leads retries here.
                AppendLog(new LogRecord(seq, null, GrainJson.Serialize(released)));
                State.ReleasedComments[comment.Seq] = seq;
                _window.Add(released);
                _dedupe.Remember(dedupeKey, new CommentAck(released.CommentId, seq, true));
                var parent = released.ReplyToCommentId is { } replyTo ? await FindCommentAsync(replyTo, cancellationToken) : null;
                Announce(released, parent, mentioned);
            }

            Commit();
        });
    }

    Task INoteThreadGrain.ModerateNoteAsync(bool approve, CancellationToken cancellationToken) => Run(() =>
    {
        if (!VisibleTo(State.AuthorId))
        {
            return;
        }

        if (approve)
        {
            if (State.Held)
            {
                State.Held = false;
                OweTopicsTheNote();
                Commit();
            }

            return;
        }

        State.Deleted = true;
        State.Held = false;
        Publish(Topic, HubEvents.NoteDeleted, new NoteDeleted(GrainKey));
        Commit();
    });

    private void RemoveComment(Comment comment)
    {
        _window.Remove(comment.Seq);
        DeleteLog(comment.Seq);
        Publish(Topic, HubEvents.CommentDeleted, new CommentDeleted(GrainKey, comment.CommentId, comment.Seq));
    }

    /// <summary>True when <paramref name="readerId"/> may see the note: it exists, was not removed, and is not held from them.</summary>
    private bool VisibleTo(string? readerId) =>
        StateExists && !State.Deleted && (!State.Held || readerId == State.AuthorId);

    private List<Comment> Visible(IReadOnlyList<Comment> comments) =>
        State.HeldComments.Count == 0 ? comments as List<Comment> ?? comments.ToList() : comments.Where(c => !State.HeldComments.ContainsKey(c.Seq)).ToList();
}
