namespace Realtime.Hosting.RateLimiting;

/// <summary>What a rate limit counts.</summary>
public enum RateLimitKind
{
    Chat,
    Like,
    Comment,
    DirectMessage,
    Report,
    Reserve,
    View,
}
