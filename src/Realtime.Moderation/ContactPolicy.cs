namespace Realtime.Moderation;

/// <summary>What happens to contact details in a channel (configured as <c>mask</c>, <c>refuse</c> or <c>allow</c>).</summary>
public enum ContactPolicy
{
    /// <summary>Accepted with each contact detail replaced by <c>***</c>.</summary>
    Mask,

    /// <summary>Refused with <c>contact_blocked</c>; nothing is stored.</summary>
    Refuse,

    /// <summary>Left as written.</summary>
    Allow,
}
