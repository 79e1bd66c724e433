namespace Realtime.Moderation;

/// <summary>A contact detail found by <see cref="ContactDetector"/>.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Span">Where it is in the original text, keyword included (<c>vx: abc_123</c>).</param>
public readonly record struct ContactMatch(ContactKind Kind, TextSpan Span);
