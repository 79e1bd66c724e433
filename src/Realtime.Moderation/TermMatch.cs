using Realtime.Contracts.Moderation;

namespace Realtime.Moderation;

/// <summary>A term found in a text by <see cref="TermMatcher"/>.</summary>
/// <param name="Term">The term as the list gives it.</param>
/// <param name="Span">Where it is in the original text.</param>
public readonly record struct TermMatch(ModerationTerm Term, TextSpan Span);
