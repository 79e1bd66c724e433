using Realtime.Contracts.Errors;

namespace Realtime.Moderation;

/// <summary>Why a text is refused.</summary>
/// <param name="Code"><see cref="ErrorCodes.BlockedTerm"/> or <see cref="ErrorCodes.ContactBlocked"/>.</param>
/// <param name="Detail">A sentence for the writer; it never repeats the term or the contact detail.</param>
public sealed record ModerationRefusal(string Code, string Detail);
