namespace Realtime.Moderation;

/// <summary>Moderation settings (section <c>Moderation</c>; e.g. <c>Moderation__Contacts__DirectMessage=refuse</c>).</summary>
public sealed class ModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Moderation";

    /// <summary>What happens to contact details, per channel.</summary>
    public ContactPolicies Contacts { get; set; } = new();
}
