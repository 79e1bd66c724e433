namespace Realtime.LoadGen;

/// <summary>The figures of one <c>topic-surge</c> run.</summary>
internal sealed record TopicSurgeResult(
    string Scenario,
    string Target,
    string SurgeTag,
    long NotesSent,
    long NotesAccepted,
    long ViewsSent,
    int Authors,
    int InFlight,
    double PostSeconds,
    double NotesPerSecond,
    LatencySummary CreateMs,
    IReadOnlyList<TopicSurgeCounts> Topics,
    bool Exact,
    bool SurgeTopsTrending,
    LatencySummary TrendingLagMs,
    double? TrendingFinalLagMs,
    LatencySummary TopicCountersLagMs,
    long Errors,
    SortedDictionary<string, long> ErrorsByKind,
    double? SiloCpuSeconds,
    double? LoadGenCpuSeconds);

/// <summary>One topic's counts: what the run sent (accepted) and what the topic shows, and how long after the run it matched.</summary>
internal sealed record TopicSurgeCounts(
    string Tag,
    long NotesSent,
    long Notes,
    long ViewsSent,
    long Views,
    long ParticipantsSent,
    long Participants,
    double SettledAfterMs)
{
    public bool Exact => Notes == NotesSent && Views == ViewsSent && Participants == ParticipantsSent;
}
