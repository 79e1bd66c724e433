using Realtime.Contracts.Direct;

namespace Realtime.Grains.Direct;

/// <summary>What a mailbox keeps of one conversation.</summary>
public sealed class MailboxConversation
{
    public string OtherUserId { get; set; } = "";

    public string OtherDisplayName { get; set; } = "";

    public DirectMessage? LastMessage { get; set; }

    public long Unread { get; set; }

    /// <summary>The conversation's version this summary reflects.</summary>
    public long Version { get; set; }

    /// <summary>The newest message passed on to the user's connections.</summary>
    public long ArrivedSeq { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
