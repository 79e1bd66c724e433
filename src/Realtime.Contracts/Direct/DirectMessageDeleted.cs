using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>The <c>directMessageDeleted</c> event: a moderator removed a message.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectMessageDeleted")]
public sealed record DirectMessageDeleted(string ConversationId, long Seq);
