using Orleans;

namespace Realtime.Contracts.Direct;

/// <summary>The <c>directUnread</c> event: unread direct messages over all of a user's conversations.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DirectUnread")]
public sealed record DirectUnread(long Total);
