namespace Realtime.Grains.Direct;

/// <summary>A user's persisted conversation list.</summary>
public sealed class DirectMailboxState
{
    /// <summary>Conversation id -> summary.</summary>
    public Dictionary<string, MailboxConversation> Conversations { get; set; } = [];

    /// <summary>The unread total last announced.</summary>
    public long Total { get; set; }
}
