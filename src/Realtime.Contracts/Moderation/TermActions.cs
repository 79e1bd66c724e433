namespace Realtime.Contracts.Moderation;

/// <summary>What happens to a text that contains a blocked term.</summary>
public static class TermActions
{
    /// <summary>Refused with <c>blocked_term:</c>; nothing is stored.</summary>
    public const string Block = "block";

    /// <summary>Accepted with the term replaced by <c>***</c>.</summary>
    public const string Mask = "mask";

    /// <summary>Accepted but held: nobody receives it until a moderator approves it; its writer has it from the ack.</summary>
    public const string Review = "review";

    /// <summary>True for a known action.</summary>
    public static bool IsKnown(string? action) => action is Block or Mask or Review;
}
