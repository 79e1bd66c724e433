namespace Realtime.Grains.Notes;

/// <summary>A note's persisted state; its comments live in the grain's log.</summary>
public sealed class NoteState
{
    public string AuthorId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public string? Language { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Epoch { get; set; } = "";

    public long LastSeq { get; set; }

    public long CommentCount { get; set; }

    public HashSet<string> LikedBy { get; set; } = new(StringComparer.Ordinal);

    public HashSet<string> CollectedBy { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Comment id -> users who like it.</summary>
    public Dictionary<string, HashSet<string>> CommentLikes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Notifications not yet confirmed by their inboxes.</summary>
    public List<OutboxEntry> Outbox { get; set; } = [];

    public long NextOutboxId { get; set; }

    /// <summary>True while a term holds the note for review: only its author sees it.</summary>
    public bool Held { get; set; }

    /// <summary>True once a moderator removed the note: it answers as if it did not exist.</summary>
    public bool Deleted { get; set; }

    /// <summary>Seq -> dedupe key of comments held for review: in the log, sent to nobody until released.</summary>
    public Dictionary<long, string> HeldComments { get; set; } = [];

    /// <summary>Held seq -> the seq the comment was released under (its dedupe key stays on the held entry).</summary>
    public Dictionary<long, long> ReleasedComments { get; set; } = [];

    /// <summary>The note's folded hashtags (title first, at most 10); handed to their topics once the note is public.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Views counted (exact: each silo's numbered batch once).</summary>
    public long Views { get; set; }

    /// <summary>Silo id -> the number of its last view batch counted.</summary>
    public Dictionary<string, long> ViewBatches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Views counted but not yet handed to the note's topics (they go at most once a second).</summary>
    public long UnforwardedViews { get; set; }

    /// <summary>Updates not yet confirmed by the note's topics.</summary>
    public List<TopicOutboxEntry> TopicOutbox { get; set; } = [];

    public long NextTopicUpdateId { get; set; }
}
