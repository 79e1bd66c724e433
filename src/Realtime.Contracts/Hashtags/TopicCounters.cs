using Orleans;

namespace Realtime.Contracts.Hashtags;

/// <summary>The <c>topicCounters</c> event: a hashtag's exact counts.</summary>
/// <param name="Tag">The folded tag, without <c>#</c>.</param>
/// <param name="Notes">Notes that carry the tag (each counted once).</param>
/// <param name="Views">Views of those notes since they carried the tag.</param>
/// <param name="Participants">Distinct authors of those notes.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TopicCounters")]
public sealed record TopicCounters(string Tag, long Notes, long Views, long Participants);
