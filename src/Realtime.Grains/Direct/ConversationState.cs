namespace Realtime.Grains.Direct;

/// <summary>A conversation's persisted state; its messages live in the log.</summary>
public sealed class ConversationState
{
    public long LastSeq { get; set; }

    public string Epoch { get; set; } = "";

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

    public long Version { get; set; }

    public long NextOutboxId { get; set; }

    public List<ConversationOutboxEntry> Outbox { get; set; } = [];
}
