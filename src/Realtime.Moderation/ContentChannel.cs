namespace Realtime.Moderation;

/// <summary>Where a text is going; each channel has its own contact policy.</summary>
public enum ContentChannel
{
    /// <summary>A room's live chat line.</summary>
    Chat,

    /// <summary>A comment under a note.</summary>
    Comment,

    /// <summary>A direct message between two users.</summary>
    DirectMessage,

    /// <summary>A note's title.</summary>
    NoteTitle,

    /// <summary>A note's body.</summary>
    NoteBody,

    /// <summary>A user's display name.</summary>
    DisplayName,
}
