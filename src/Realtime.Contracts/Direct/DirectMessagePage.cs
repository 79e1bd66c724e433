using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>The answer of <c>GetDirectMessages</c>: messages after <c>sinceSeq</c>, ascending.</summary>
/// <param name="LastSeq">The conversation's newest seq.</param>
/// <param name="ReadUpTo">The caller's read mark in this conversation.</param>
/// <param name="OtherReadUpTo">The other participant's read mark (what they have seen of the caller's messages).</param>
/// <param name="Recovered">True when every message after <c>sinceSeq</c> (up to the limit) is returned.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectMessagePage")]
public sealed record DirectMessagePage(
    string ConversationId,
    long LastSeq,
    long ReadUpTo,
    long OtherReadUpTo,
    bool Recovered,
    IReadOnlyList<DirectMessage> Messages);
