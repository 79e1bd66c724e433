using Orleans;

namespace Realtime.Grains.Direct;

/// <summary>A validated, moderated direct message from an authenticated sender.</summary>
/// <param name="Text">What to store: already masked where the rules say so.</param>
/// <param name="Masked">Something in the text was replaced by <c>***</c>.</param>
/// <param name="Held">A term sends it to review: stored, but only its writer has it until approved.</param>
/// <param name="GivesContacts">It gives contact details a verified business may give only when the other user opened the conversation.</param>
/// <param name="OverRateLimit">The sender used up its allowance (refused unless it is a retry).</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.SendDirectCommand")]
public sealed record SendDirectCommand(
    string FromUserId,
    string DisplayName,
    string ClientMessageId,
    string Text,
    string? Language,
    bool Masked,
    bool Held,
    bool GivesContacts,
    bool OverRateLimit = false);
