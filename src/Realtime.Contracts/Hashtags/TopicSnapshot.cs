using Orleans;

namespace Realtime.Contracts.Hashtags;

/// <summary>What <c>GET /api/topics/{tag}</c> returns: the counters and the latest notes, newest first.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TopicSnapshot")]
public sealed record TopicSnapshot(string Tag, long Notes, long Views, long Participants, IReadOnlyList<TopicNote> LatestNotes);
