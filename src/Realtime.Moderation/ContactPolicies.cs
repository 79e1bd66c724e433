namespace Realtime.Moderation;

/// <summary>The contact policy of each channel (section <c>Moderation:Contacts</c>).</summary>
public sealed class ContactPolicies
{
    /// <summary>Live chat; masked by default.</summary>
    public ContactPolicy Chat { get; set; } = ContactPolicy.Mask;

    /// <summary>Comments; masked by default.</summary>
    public ContactPolicy Comment { get; set; } = ContactPolicy.Mask;

    /// <summary>Direct messages; refused by default, the sender is told to keep the conversation here.</summary>
    public ContactPolicy DirectMessage { get; set; } = ContactPolicy.Refuse;

    /// <summary>Note titles; masked by default.</summary>
    public ContactPolicy NoteTitle { get; set; } = ContactPolicy.Mask;

    /// <summary>Note bodies; masked by default.</summary>
    public ContactPolicy NoteBody { get; set; } = ContactPolicy.Mask;

    /// <summary>Display names; masked by default.</summary>
    public ContactPolicy DisplayName { get; set; } = ContactPolicy.Mask;

    /// <summary>The policy of <paramref name="channel"/>.</summary>
    public ContactPolicy For(ContentChannel channel) => channel switch
    {
        ContentChannel.Chat => Chat,
        ContentChannel.Comment => Comment,
        ContentChannel.DirectMessage => DirectMessage,
        ContentChannel.NoteTitle => NoteTitle,
        ContentChannel.NoteBody => NoteBody,
        ContentChannel.DisplayName => DisplayName,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };
}
