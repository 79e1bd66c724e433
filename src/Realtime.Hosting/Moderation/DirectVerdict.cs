namespace Realtime.Hosting.Moderation;

/// <summary>A direct message as the rules accept it.</summary>
/// <param name="Text">What to store (masked where the rules say so).</param>
/// <param name="GivesContacts">A business gives contact details: allowed only where the other user opened the conversation.</param>
public sealed record DirectVerdict(string Text, bool Masked, bool Held, bool GivesContacts, IReadOnlyList<string> Reasons);
