namespace Realtime.Grains.Direct;

/// <summary>A conversation's persisted state; its messages live in the log.</summary>
public sealed class ConversationState
{
    /// <summary>The newest message's seq.</summary>
    public long LastSeq { get; set; }

    /// <summary>The participant who sent the first message.</summary>
    public string? OpenedBy { get; set; }

    /// <summary>Participant -> latest display name.</summary>
    public Dictionary<string, string> Names { get; set; } = [];

    /// <summary>Participant -> the seq up to which they read.</summary>
    public Dictionary<string, long> ReadUpTo { get; set; } = [];

    /// <summary>Participant -> messages from the other one after their read mark.</summary>
    public Dictionary<string, long> Unread { get; set; } = [];

    /// <summary>Participants who blocked the other one.</summary>
    public HashSet<string> BlockedBy { get; set; } = [];

    /// <summary>Seq -> dedupe key of messages held for review: in the log, shown to nobody until released.</summary>
    public Dictionary<long, string> Held { get; set; } = [];

    /// <summary>Held seq -> the seq the message was released under (its dedupe key stays on the held entry).</summary>
    public Dictionary<long, long> Released { get; set; } = [];

    /// <summary>Grows with every change a mailbox must learn, so mailboxes keep the newest summary.</summary>
    public long Version { get; set; }

    /// <summary>The id of the last outbox entry.</summary>
    public long NextOutboxId { get; set; }

    /// <summary>Mailbox updates not yet confirmed, in order.</summary>
    public List<ConversationOutboxEntry> Outbox { get; set; } = [];
}
