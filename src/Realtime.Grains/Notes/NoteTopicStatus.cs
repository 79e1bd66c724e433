using Orleans;

namespace Realtime.Grains.Notes;

/// <summary>A note's hashtags, its view count and how many topic updates it still owes.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.NoteTopicStatus")]
public sealed record NoteTopicStatus(IReadOnlyList<string> Tags, long Views, int OwedUpdates);
