using Realtime.Contracts.Notes;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Notes;

/// <summary>A note and its comment thread (key: noteId).</summary>
public interface INoteThreadGrain : IGrain
{
    /// <summary>Creates the note; <c>conflict:</c> when it exists.</summary>
    Task<Note> CreateAsync(CreateNoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>The note, or null when it does not exist.</summary>
    Task<Note?> GetNoteAsync(CancellationToken cancellationToken = default);

    /// <summary>The snapshot a watcher needs.</summary>
    Task<NoteSnapshot> WatchAsync(WatchNoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>Adds a comment; answered once it and the notifications it causes are durable.</summary>
    Task<CommentAck> PostCommentAsync(PostCommentCommand command, CancellationToken cancellationToken = default);

    /// <summary>Likes or unlikes the note (idempotent per user).</summary>
    Task<NoteCounters> LikeNoteAsync(string userId, string displayName, bool liked, CancellationToken cancellationToken = default);

    /// <summary>Collects or uncollects the note (idempotent per user).</summary>
    Task<NoteCounters> CollectNoteAsync(string userId, string displayName, bool collected, CancellationToken cancellationToken = default);

    /// <summary>Likes or unlikes a comment (idempotent per user).</summary>
    Task<CommentCounters> LikeCommentAsync(string userId, string displayName, string commentId, bool liked, CancellationToken cancellationToken = default);

    /// <summary>Records how many of a silo's watchers read each language.</summary>
    Task ReportReadersAsync(string siloId, IReadOnlyDictionary<string, int>? languages, CancellationToken cancellationToken = default);

    /// <summary>Hands committed outbox entries to their inboxes.</summary>
    Task DeliverOutboxAsync(CancellationToken cancellationToken = default);

    /// <summary>Notifications the note still owes inboxes (its outbox), for operators and tests.</summary>
    Task<int> OwedNotificationsAsync(CancellationToken cancellationToken = default);

    /// <summary>The outcome of a delivery: outbox ids delivered (positive) or failed (negated).</summary>
    Task ConfirmDeliveriesAsync(long[] outcomes, CancellationToken cancellationToken = default);
}
