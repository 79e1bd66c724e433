namespace Realtime.Grains.Inbox;

/// <summary>Likes or collects of one target gathered into one inbox item while it is fresh and unread.</summary>
public sealed record ReactionGroup(long Seq, string FirstActorId, string FirstActorName, long Count, DateTimeOffset OpenedAt);
