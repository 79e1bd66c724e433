using Realtime.Contracts.Notes;
using Orleans;
using Realtime.Grains.Events;

namespace Realtime.Grains.Notes;

/// <summary>A note and its comment thread (key: noteId).</summary>
[Alias("realtime.INoteThreadGrain")]
public interface INoteThreadGrain : IEventSourceGrain
{
    /// <summary>Creates the note; <c>conflict:</c> when it exists.</summary>
    [Alias("Create")]
    Task<Note> CreateAsync(CreateNoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>The note as <paramref name="readerId"/> may see it: null when it does not exist, was removed, or is held and the reader is not its author.</summary>
    [Alias("GetNote")]
    Task<Note?> GetNoteAsync(string? readerId, CancellationToken cancellationToken = default);

    /// <summary>The snapshot a watcher needs.</summary>
    [Alias("Watch")]
    Task<NoteSnapshot> WatchAsync(WatchNoteCommand command, CancellationToken cancellationToken = default);

    /// <summary>Adds a comment; answered once it and the notifications it causes are durable.</summary>
    [Alias("PostComment")]
    Task<CommentAck> PostCommentAsync(PostCommentCommand command, CancellationToken cancellationToken = default);

    /// <summary>Likes or unlikes the note (idempotent per user).</summary>
    [Alias("LikeNote")]
    Task<NoteCounters> LikeNoteAsync(string userId, string displayName, bool liked, CancellationToken cancellationToken = default);

    /// <summary>Collects or uncollects the note (idempotent per user).</summary>
    [Alias("CollectNote")]
    Task<NoteCounters> CollectNoteAsync(string userId, string displayName, bool collected, CancellationToken cancellationToken = default);

    /// <summary>Likes or unlikes a comment (idempotent per user).</summary>
    [Alias("LikeComment")]
    Task<CommentCounters> LikeCommentAsync(string userId, string displayName, string commentId, bool liked, CancellationToken cancellationToken = default);

    /// <summary>Records how many of a silo's watchers read each language.</summary>
    [Alias("ReportReaders")]
    Task ReportReadersAsync(string siloId, IReadOnlyDictionary<string, int>? languages, CancellationToken cancellationToken = default);

    /// <summary>Notifications the note still owes inboxes (its outbox), for operators and tests.</summary>
    [Alias("OwedNotifications")]
    Task<int> OwedNotificationsAsync(CancellationToken cancellationToken = default);

    /// <summary>A comment as readers see it (for a report); null when there is none or it is held.</summary>
    [Alias("FindComment")]
    Task<Comment?> FindCommentAsync(string commentId, CancellationToken cancellationToken = default);

    /// <summary>The note as readers see it (for a report); null when it does not exist, was removed or is held.</summary>
    [Alias("FindNote")]
    Task<Note?> FindNoteAsync(CancellationToken cancellationToken = default);

    /// <summary>A moderator's decision on a comment: approving releases a held one (under a new seq and id), rejecting removes it.</summary>
    [Alias("ModerateComment")]
    Task ModerateCommentAsync(string commentId, bool approve, CancellationToken cancellationToken = default);

    /// <summary>A moderator's decision on the note: approving releases a held note, rejecting removes the note.</summary>
    [Alias("ModerateNote")]
    Task ModerateNoteAsync(bool approve, CancellationToken cancellationToken = default);

    /// <summary>Counts a silo's batch of views (once per silo and batch number); answered once durable.</summary>
    [Alias("RecordViews")]
    Task RecordViewsAsync(Hashtags.ViewBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The note's tags, views and the updates it still owes its topics, for operators and tests.</summary>
    [Alias("TopicStatus")]
    Task<NoteTopicStatus> TopicStatusAsync(CancellationToken cancellationToken = default);
}
