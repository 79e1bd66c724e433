namespace Realtime.Moderation;

/// <summary>What <see cref="ContentModerator.Check"/> decided about a text.</summary>
/// <param name="Text">The text to store: as written, or masked where masking applied; the input when refused.</param>
/// <param name="Masked">True when some part of <paramref name="Text"/> was replaced by <c>***</c>.</param>
/// <param name="Held">True when a <c>review</c> term matched: accepted, but shown to its writer only until a moderator approves it.</param>
/// <param name="Refusal">Why the text is refused; null when it is accepted.</param>
/// <param name="Reasons">What matched, for the review queue: <c>term:xyz</c>, <c>contact:phone</c>, in order of position.</param>
public sealed record ModerationVerdict(string Text, bool Masked, bool Held, ModerationRefusal? Refusal, IReadOnlyList<string> Reasons)
{
    /// <summary>True when the text may be stored.</summary>
    public bool Accepted => Refusal is null;
}
