using Realtime.Contracts.Direct;

namespace Realtime.Grains.Direct;

/// <summary>What a mailbox keeps of one conversation.</summary>
public sealed class MailboxConversation
{
    /// <summary>The other participant.</summary>
    public string OtherUserId { get; set; } = "";

    /// <summary>The other participant's latest known display name.</summary>
    public string OtherDisplayName { get; set; } = "";

    /// <summary>The latest message shown, or null.</summary>
    public DirectMessage? LastMessage { get; set; }

    /// <summary>Messages from the other participant after this user's read mark.</summary>
    public long Unread { get; set; }

    /// <summary>The latest removals passed on (seqs), so a removal is announced once whatever order updates come in.</summary>
    public List<long> Deleted { get; set; } = [];

    /// <summary>The conversation's version this summary reflects.</summary>
    public long Version { get; set; }

    /// <summary>The newest message passed on to the user's connections.</summary>
    public long ArrivedSeq { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
